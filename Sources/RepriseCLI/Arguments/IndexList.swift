import RepriseKit

/// Parses index lists such as `1,3-5`.
enum IndexList {
  static func parse(_ text: String, flag: String) throws(RepriseError) -> Set<Int> {
    var result = Set<Int>()
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
      if bounds.count == 1, let n = Int(bounds[0]), n >= 0 {
        result.insert(n)
      } else if bounds.count == 2, let lo = Int(bounds[0]), let hi = Int(bounds[1]), lo >= 0, lo <= hi, hi - lo < 1_000_000 {
        result.formUnion(lo...hi)
      } else {
        throw .usage("\(flag) '\(text)' is not an index list: use e.g. 1,3-5")
      }
    }
    return result
  }
}
