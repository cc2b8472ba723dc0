// bench/sha256.sh's timing program: hashes the same random bytes with the current SHA256
// (Sources/RepriseCodecs/SHA256.swift) on its own code ("swift") and on the system library's engine
// ("engine", loaded here the way Platform+Hashing.swift loads it), and with the pre-issue-12 copy
// (OldSHA256.swift), in one optimised build; prints MiB/s and the digest of each.
import Foundation

/// libcrypto's SHA256_* as an engine, as `Platform.sha256Engine` builds it on Linux.
func systemEngine() -> SHA256.Engine? {
  #if canImport(Darwin)
    guard let handle = dlopen("/usr/lib/system/libcommonCrypto.dylib", RTLD_NOW), let i = dlsym(handle, "CC_SHA256_Init"),
      let u = dlsym(handle, "CC_SHA256_Update"), let f = dlsym(handle, "CC_SHA256_Final") else { return nil }
    return SHA256.Engine(name: "CommonCrypto", contextSize: 104, initialize: unsafeBitCast(i, to: SHA256.Engine.Initialize.self),
      update: unsafeBitCast(u, to: SHA256.Engine.Update32.self), final: unsafeBitCast(f, to: SHA256.Engine.Final.self))
  #else
    guard let handle = dlopen("libcrypto.so.3", RTLD_NOW) ?? dlopen("libcrypto.so.1.1", RTLD_NOW), let i = dlsym(handle, "SHA256_Init"),
      let u = dlsym(handle, "SHA256_Update"), let f = dlsym(handle, "SHA256_Final") else { return nil }
    return SHA256.Engine(name: "libcrypto", contextSize: 112, initialize: unsafeBitCast(i, to: SHA256.Engine.Initialize.self),
      update: unsafeBitCast(u, to: SHA256.Engine.SizeUpdate.self), final: unsafeBitCast(f, to: SHA256.Engine.Final.self))
  #endif
}
let engine = systemEngine()

let megabytes = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 64 : 64
let path = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : nil
let bytes: [UInt8] = path.map { [UInt8](FileManager.default.contents(atPath: $0) ?? Data()) } ?? [UInt8](repeating: 0x61, count: megabytes << 20)

func seconds(_ body: () -> String) -> (Double, String) {
  let start = DispatchTime.now().uptimeNanoseconds
  let digest = body()
  return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, digest)
}

func hexString(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

// The reprise pipeline feeds 1 MiB chunks (decoding, copying): time that shape, best of three.
func chunked(_ run: (ArraySlice<UInt8>) -> Void) { var i = 0; while i < bytes.count { run(bytes[i..<min(i + (1 << 20), bytes.count)]); i += 1 << 20 } }
var best: [String: (Double, String)] = [:]
for _ in 0..<3 {
  var runs = ["swift": seconds { var h = SHA256(); chunked { h.update($0) }; return h.finalize().hexString }]
  runs["old"] = seconds { var h = OldSHA256(); chunked { h.update($0) }; return hexString(h.finalize()) }
  if let engine { runs["engine"] = seconds { var h = SHA256(engine: engine); chunked { h.update($0) }; return h.finalize().hexString } }
  for (name, run) in runs where run.0 < best[name, default: (.infinity, "")].0 { best[name] = run }
}
let mb = Double(bytes.count) / 1_048_576
for name in ["engine", "swift", "old"] {
  guard let (time, digest) = best[name] else { print("\(name) - -"); continue }
  print("\(name) \(String(format: "%.1f", mb / time)) \(digest)")
}
