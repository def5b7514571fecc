import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// How pages are fetched when inputs are URLs.
public struct FetchOptions: Sendable {
  /// Seconds to wait for a connection or for the next bytes before giving up.
  public var connectTimeout: Double = 10
  /// Seconds one page may take in all, redirects included.
  public var timeout: Double = 30
  /// Redirects followed before a page is given up.
  public var maxRedirects = 5
  /// Pages fetched at once (at least `--jobs`).
  public var concurrency = 4
  /// The User-Agent header: says what is fetching and how to find out more.
  public var userAgent = "stance/\(StanceKit.version) (foreign-policy op-ed stance classifier; research use)"

  /// The documented defaults.
  public init() {}
}

/// Whether an input names a page on the web rather than a file.
func isURL(_ input: String) -> Bool {
  let lower = input.lowercased()
  return lower.hasPrefix("http://") || lower.hasPrefix("https://")
}

/// Fetches one page at a time per calling thread, within the options' limits; bodies are refused
/// past the byte limit as they arrive, so a huge page costs at most that much memory.
final class Fetcher: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  private let options: FetchOptions
  private let maxBytes: Int
  private var session: URLSession!
  private let lock = NSLock()
  private var transfers: [Int: Transfer] = [:]

  /// One page in flight.
  private final class Transfer {
    var body: [UInt8] = []
    var response: HTTPURLResponse?
    var redirects = 0
    var failure: String?
    let done = DispatchSemaphore(value: 0)
  }

  /// Ends the session and its transfers.
  func close() { session.invalidateAndCancel() }

  init(options: FetchOptions, maxBytes: Int) {
    self.options = options
    self.maxBytes = maxBytes
    super.init()
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = options.connectTimeout
    configuration.timeoutIntervalForResource = options.timeout
    configuration.httpMaximumConnectionsPerHost = max(options.concurrency, 1)
    configuration.httpAdditionalHeaders = ["User-Agent": options.userAgent, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"]
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
  }

  /// The page at `address`, as a crawl page: body, HTTP charset, and the final URL after redirects.
  func fetch(_ address: String) throws -> WARCPage {
    guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
      url.host != nil
    else { throw CommandFailure(.dataError, file: address, "not an http or https URL") }
    let task = session.dataTask(with: url)
    let transfer = Transfer()
    lock.withLock { transfers[task.taskIdentifier] = transfer }
    task.resume()
    // The session's own timeouts end every transfer; the wait adds a margin, never a hang.
    if transfer.done.wait(timeout: .now() + options.timeout + options.connectTimeout + 5) == .timedOut {
      task.cancel()
      transfer.failure = transfer.failure ?? "timed out after \(Int(options.timeout)) s"
    }
    lock.withLock { _ = transfers.removeValue(forKey: task.taskIdentifier) }
    if let failure = transfer.failure { throw CommandFailure(.dataError, file: address, failure) }
    guard let response = transfer.response else { throw CommandFailure(.dataError, file: address, "no HTTP response") }
    guard (200..<300).contains(response.statusCode) else {
      throw CommandFailure(.dataError, file: address, "HTTP \(response.statusCode)")
    }
    let type = (response.value(forHTTPHeaderField: "Content-Type") ?? "").lowercased()
    guard type.isEmpty || type.contains("html") || type.hasPrefix("text/") else {
      throw CommandFailure(.dataError, file: address, "not an HTML page (\(type))")
    }
    let charset = response.textEncodingName
    return WARCPage(uri: response.url?.absoluteString ?? address, body: transfer.body, charset: charset, offset: 0)
  }

  private func transfer(_ task: URLSessionTask) -> Transfer? { lock.withLock { transfers[task.taskIdentifier] } }

  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
  ) {
    guard let transfer = transfer(dataTask) else { return completionHandler(.cancel) }
    transfer.response = response as? HTTPURLResponse
    if response.expectedContentLength > Int64(maxBytes) {
      transfer.failure = "page is larger than the limit of \(maxBytes) bytes; raise --max-bytes to accept it"
      return completionHandler(.cancel)
    }
    completionHandler(.allow)
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    guard let transfer = transfer(dataTask) else { return }
    if transfer.body.count + data.count > maxBytes {
      transfer.failure = "page is larger than the limit of \(maxBytes) bytes; raise --max-bytes to accept it"
      dataTask.cancel()
      return
    }
    transfer.body.append(contentsOf: data)
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
  ) {
    guard let transfer = transfer(task) else { return completionHandler(nil) }
    transfer.redirects += 1
    if transfer.redirects > options.maxRedirects {
      // Refusing the redirect ends the task with the redirect response itself (cancelling here
      // crashes FoundationNetworking on Linux); the failure recorded here is what is reported.
      transfer.failure = "more than \(options.maxRedirects) redirects"
      return completionHandler(nil)
    }
    completionHandler(request)
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
    guard let transfer = transfer(task) else { return }
    if let error, transfer.failure == nil {
      let code = (error as NSError).code
      switch code {
      case NSURLErrorTimedOut: transfer.failure = "timed out (no bytes for \(Int(options.connectTimeout)) s, or over \(Int(options.timeout)) s in all)"
      case NSURLErrorCannotConnectToHost: transfer.failure = "connection refused"
      case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: transfer.failure = "host not found"
      default: transfer.failure = (error as NSError).localizedDescription
      }
    }
    transfer.done.signal()
  }
}
