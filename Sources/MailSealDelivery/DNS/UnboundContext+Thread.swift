internal import CUnbound
import Foundation

// MARK: - The resolver thread

extension UnboundContext {
    /// The loop of the resolver thread: start queries, deliver answers, enforce deadlines.
    func run() {
        let answers = ub_fd(context)
        while true {
            let (tickets, closing) = takeSubmitted()
            tickets.forEach(start)
            if closing {
                inFlight.forEach { abandon($0, with: Self.closedError) }
                tickets.filter { !$0.isFinished }.forEach { $0.finish(.failure(Self.closedError)) }
                return
            }

            var fds = [
                pollfd(fd: answers, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            _ = poll(&fds, nfds_t(fds.count), pollTimeout())
            if fds[1].revents != 0 { drainWakeUps() }
            if fds[0].revents != 0 { _ = ub_process(context) }

            expire()
        }
    }

    /// Hands one query to libunbound; its callback holds a retained reference to the ticket.
    private func start(_ ticket: DNSQueryTicket) {
        guard !ticket.isFinished else { return }
        let reference = Unmanaged.passRetained(ticket)
        var asyncID: Int32 = 0
        let status = ub_resolve_async(
            context, ticket.name, Int32(ticket.type.rawValue), 1, reference.toOpaque(),
            unboundCallback, &asyncID)
        guard status == 0 else {
            reference.release()
            let reason = "libunbound could not start the query for \(ticket.name) "
                + "\(ticket.type): \(Self.errorText(status))"
            ticket.finish(.failure(DeliveryError(.dnsQueryFailed, reason)))
            return
        }
        ticket.asyncID = asyncID
        inFlight.append(ticket)
    }

    /// Fails queries past their deadline or whose task was cancelled, and forgets answered ones.
    private func expire() {
        let now = ContinuousClock.now
        inFlight.removeAll { ticket in
            if ticket.isAnswered { return true }
            if ticket.wasCancelled {
                abandon(ticket, with: CancellationError())
                return true
            }
            if now >= ticket.deadline {
                abandon(ticket, with: ticket.timeoutError)
                return true
            }
            return false
        }
    }

    /// Cancels the query in libunbound and fails the ticket with `error`.
    private func abandon(_ ticket: DNSQueryTicket, with error: Error) {
        // When the cancel succeeds the callback never runs, so its reference is dropped
        // here; when it fails the answer is already on its way and the callback drops it.
        if !ticket.isAnswered, ub_cancel(context, ticket.asyncID) == 0 {
            Unmanaged.passUnretained(ticket).release()
        }
        ticket.finish(.failure(error))
    }

    /// Milliseconds until the nearest deadline, or -1 to wait for a wake-up or an answer.
    private func pollTimeout() -> Int32 {
        guard let nearest = inFlight.map(\.deadline).min() else { return -1 }
        let remaining = ContinuousClock.now.duration(to: nearest)
        let milliseconds = remaining.components.seconds * 1000
            + remaining.components.attoseconds / 1_000_000_000_000_000 + 1
        return Int32(clamping: max(0, milliseconds))
    }

    private func drainWakeUps() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &buffer, buffer.count) > 0 {}
    }
}

// MARK: - libunbound's callback

/// Runs on the resolver thread inside `ub_process`, once per query that was not cancelled.
private let unboundCallback: ub_callback_type = { data, status, result in
    guard let data else { return }
    let ticket = Unmanaged<DNSQueryTicket>.fromOpaque(data).takeRetainedValue()
    defer { if let result { ub_resolve_free(result) } }
    ticket.isAnswered = true

    guard status == 0, let result else {
        let reason = "libunbound failed on \(ticket.name) \(ticket.type): "
            + UnboundContext.errorText(status)
        ticket.finish(.failure(DeliveryError(.dnsQueryFailed, reason)))
        return
    }
    ticket.finish(.success(DNSAnswer(result.pointee, name: ticket.name, type: ticket.type)))
}

extension DNSAnswer {
    /// Copies what libunbound found; the result itself is freed by the caller.
    init(_ result: ub_result, name: String, type: DNSRecordType) {
        var records: [Data] = []
        if let data = result.data, let lengths = result.len {
            var index = 0
            while let item = data[index] {
                records.append(Data(bytes: item, count: Int(lengths[index])))
                index += 1
            }
        }
        self.init(
            name: name, type: type, records: records,
            rcode: DNSResponseCode(rawValue: Int(result.rcode)),
            canonicalName: result.canonname.map { String(cString: $0) },
            nxdomain: result.nxdomain != 0, isSecure: result.secure != 0,
            isBogus: result.bogus != 0,
            whyBogus: result.why_bogus.map { String(cString: $0) },
            ttl: UInt32(clamping: result.ttl))
    }
}
