@_exported import RepriseCodecs
