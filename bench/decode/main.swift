// Times ImageDecoder.decode on the files given: `decodebench RUNS FILE...` prints, per file,
// "<file> <width>x<height> <median ms> <min ms> <median CPU ms>" (CPU: this thread's, less
// disturbed by other processes than wall time); `decodebench 0 FILE` only reads the file
// (the baseline for peak memory) and `decodebench 1 FILE` decodes once. `decodebench hash FILE...`
// prints each file's size and an FNV-1a hash of its RGBA bytes (or the decode error), to compare
// two builds' pixels.
import Foundation

/// This thread's CPU time in milliseconds.
func threadCPU() -> Double {
  var spec = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
  return Double(spec.tv_sec) * 1e3 + Double(spec.tv_nsec) / 1e6
}

let arguments = CommandLine.arguments
if arguments[1] == "hash" {
  for path in arguments.dropFirst(2) {
    let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
    do {
      let image = try ImageDecoder.decode(bytes)
      var hash: UInt64 = 0xCBF2_9CE4_8422_2325
      for byte in image.rgba { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
      print(path, "\(image.width)x\(image.height)", String(hash, radix: 16))
    } catch {
      print(path, error.message)
    }
  }
  exit(0)
}
let runs = Int(arguments[1])!
for path in arguments.dropFirst(2) {
  let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
  if runs == 0 {
    print("\(path) read \(bytes.count) bytes")
    continue
  }
  var times: [Double] = []
  var cpu: [Double] = []
  var size = ""
  for _ in 0..<runs {
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = threadCPU()
    let image = try ImageDecoder.decode(bytes)
    cpu.append(threadCPU() - cpuStart)
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    size = "\(image.width)x\(image.height)"
  }
  times.sort()
  cpu.sort()
  print(path, size, String(format: "%.2f", times[times.count / 2]), String(format: "%.2f", times[0]), String(format: "%.2f", cpu[cpu.count / 2]))
}
