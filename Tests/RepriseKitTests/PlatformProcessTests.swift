import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseKit

/// `Platform+Process.swift` and `Platform+Signals.swift` on this system (the Linux branches).
/// Signal handlers that end the process are covered by InterruptEndToEndTests (exit 130).
@Suite struct PlatformProcessTests {
  @Test func currentExecutableIsThisTestBinary() throws {
    let path = try #require(Platform.currentExecutable())
    #expect(path.hasPrefix("/"))
    #expect(FileManager.default.isExecutableFile(atPath: path))
    #expect(Platform.isSameFile(path, CommandLine.arguments[0]) || path.hasSuffix("xctest"))
  }

  @Test func processIDAndLiveness() throws {
    #expect(Platform.processID == ProcessInfo.processInfo.processIdentifier)
    #expect(Platform.isProcessRunning(Platform.processID))
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/sh")
    child.arguments = ["-c", "exit 0"]
    try child.run()
    child.waitUntilExit()
    #expect(!Platform.isProcessRunning(child.processIdentifier), "a reaped child is gone")
  }

  /// The child gets its own session, exactly the environment given, /dev/null as stdin, the log
  /// as stdout and stderr, the inherited descriptor as 3, and nothing else.
  @Test func spawnDetachedStartsAChildInItsOwnSession() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let lockText = try folder.write("lock", text: "lock-contents")
    let inherited = open(lockText, O_RDONLY | O_CLOEXEC)
    defer { close(inherited) }
    let leaked = open(lockText, O_RDONLY)  // not close-on-exec: must still not reach the child
    defer { close(leaked) }
    let script =
      #"echo "v=$V home=${HOME:-unset}"; cat <&3; echo; read line || echo stdin-empty; echo "sid=$(cut -d' ' -f6 /proc/$$/stat) pid=$$"; echo fds-begin; ls "#
        + #"/proc/$$/fd; echo fds-end; echo oops >&2; echo done"#
    let log = folder.url("worker.log")
    let pid = try Platform.spawnDetached(executable: "/bin/sh", arguments: ["-c", script], environment: ["V": "1"], logPath: log, inherited: inherited)
    #expect(pid > 0)
    try Poll.until("the child wrote its log") { (try? folder.readText("worker.log"))?.contains("done") == true }
    let lines = try folder.readText("worker.log").split(separator: "\n").map(String.init)
    #expect(lines.first == "v=1 home=unset")
    #expect(lines.contains("lock-contents"))
    #expect(lines.contains("stdin-empty"))
    #expect(lines.contains("sid=\(pid) pid=\(pid)"))
    let fds = try #require(lines.firstIndex(of: "fds-begin")).advanced(by: 1)..<#require(lines.firstIndex(of: "fds-end"))
    #expect(lines[fds] == ["0", "1", "2", "3"])
    #expect(lines.contains("oops"))
  }

  @Test func spawnDetachedReportsAMissingExecutable() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    do {
      _ = try Platform.spawnDetached(executable: folder.url("missing"), arguments: [], environment: [:], logPath: folder.url("log"), inherited: nil)
      Issue.record("spawned a missing executable")
    } catch {
      #expect(error.reason == "No such file or directory")
    }
    let message = try? DetachedProcess.spawn(executable: folder.url("missing"), arguments: [], logPath: folder.url("log"), environment: [:])
    #expect(message == nil)
  }

  #if os(Linux)
    /// True when `number`'s disposition is SIG_IGN (glibc's sigaction layout: Linux only).
    static func isIgnored(_ number: Int32) -> Bool {
      var current = sigaction()
      sigaction(number, nil, &current)
      return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == 1
    }

    @Test func ignoreAndRestoreASignal() {
      #expect(!Self.isIgnored(SIGUSR2))
      let saved = Platform.ignore(SIGUSR2)
      #expect(saved.signal == SIGUSR2)
      #expect(Self.isIgnored(SIGUSR2))
      raise(SIGUSR2)  // ignored: we are still here
      Platform.restore(saved)
      #expect(!Self.isIgnored(SIGUSR2))
    }
  #endif

  @Test func unblockClearsTheSignalMask() {
    var block = sigset_t()
    sigemptyset(&block)
    sigaddset(&block, SIGUSR1)
    var before = sigset_t()
    pthread_sigmask(SIG_BLOCK, &block, &before)
    defer { pthread_sigmask(SIG_SETMASK, &before, nil) }
    var now = sigset_t()
    pthread_sigmask(SIG_BLOCK, nil, &now)
    #expect(sigismember(&now, SIGUSR1) == 1)
    Platform.unblock([SIGUSR1])
    pthread_sigmask(SIG_BLOCK, nil, &now)
    #expect(sigismember(&now, SIGUSR1) == 0)
  }
}
