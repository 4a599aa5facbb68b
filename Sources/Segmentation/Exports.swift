@_exported import BitextCore
