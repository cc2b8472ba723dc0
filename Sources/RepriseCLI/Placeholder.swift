import RepriseKit
