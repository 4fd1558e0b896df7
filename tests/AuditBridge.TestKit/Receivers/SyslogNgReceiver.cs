using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AuditBridge.TestKit.Receivers;

/// <summary>
/// A real syslog-ng (Debian's syslog-ng-core) as a receiver for sink tests, listening on free loopback ports:
/// RFC 5424 over UDP and over TCP with octet counting, RFC 3164 over UDP and over TCP with LF framing, and RFC 5425
/// (TLS, octet counting) with a certificate issued here by a throw-away CA. Every message it parses becomes one JSON
/// line in <see cref="OutputPath"/>; its own notices and errors go to <see cref="InternalLogPath"/>.
/// </summary>
/// <remarks>
/// It runs in the foreground as a child process with its own config, persist, control and pid files in a temp
/// directory. Missing syslog-ng is a failure, not a skip: <c>./test.sh</c> installs it.
/// </remarks>
public sealed class SyslogNgReceiver : IAsyncDisposable
{
    private const string NotFound = "syslog-ng not found: run ./test.sh, which installs syslog-ng-core";

    // What a default Linux kernel gives a UDP socket (net.core.rmem_default = rmem_max).
    private const int UdpReceiveBuffer = LoopbackUdpReceiver.DefaultKernelReceiveBuffer;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    private readonly TempDirectory _directory;
    private readonly LoopbackCertificates _certificates;
    private readonly Process _process;
    private readonly StringBuilder _stderr;
    private long _countedBytes;
    private long _countedMessages;

    private SyslogNgReceiver(TempDirectory directory, LoopbackCertificates certificates, Ports ports, Process process, StringBuilder stderr)
    {
        _directory = directory;
        _certificates = certificates;
        _process = process;
        _stderr = stderr;
        TcpPort = ports.Tcp5424;
        UdpPort = ports.Udp5424;
        TcpLfPort = ports.Tcp3164;
        UdpBsdPort = ports.Udp3164;
        TlsPort = ports.Tls5425;
    }

    /// <summary>RFC 5424 over TCP, octet counting (<c>syslog(transport(tcp))</c>).</summary>
    public int TcpPort { get; }

    /// <summary>RFC 5424 over UDP (<c>syslog(transport(udp))</c>).</summary>
    public int UdpPort { get; }

    /// <summary>RFC 3164 over TCP, LF framing (<c>network(transport(tcp))</c>).</summary>
    public int TcpLfPort { get; }

    /// <summary>RFC 3164 over UDP (<c>network(transport(udp))</c>).</summary>
    public int UdpBsdPort { get; }

    /// <summary>RFC 5425: TLS with octet counting (<c>syslog(transport(tls))</c>).</summary>
    public int TlsPort { get; }

    public string TcpEndpoint => $"tcp://127.0.0.1:{TcpPort}";

    public string UdpEndpoint => $"udp://127.0.0.1:{UdpPort}";

    public string TcpLfEndpoint => $"tcp://127.0.0.1:{TcpLfPort}";

    public string UdpBsdEndpoint => $"udp://127.0.0.1:{UdpBsdPort}";

    /// <summary>TLS endpoint by name, so the certificate's DNS name is checked (it also names 127.0.0.1).</summary>
    public string TlsEndpoint => $"tls://localhost:{TlsPort}";

    /// <summary>PEM of the CA that issued the TLS listener's certificate: what a sink's CaFile should point at.</summary>
    public string CaCertificatePath => _directory.Combine("ca.pem");

    /// <summary>A client certificate (PEM, with <see cref="ClientKeyPath"/>) issued by the same CA.</summary>
    public string ClientCertificatePath => _directory.Combine("client.pem");

    public string ClientKeyPath => _directory.Combine("client-key.pem");

    /// <summary>One JSON object per received message.</summary>
    public string OutputPath => _directory.Combine("messages.jsonl");

    /// <summary>syslog-ng's own log: connections, framing and TLS errors.</summary>
    public string InternalLogPath => _directory.Combine("internal.log");

    /// <summary>Starts syslog-ng on free ports and waits until it listens. Retries with new ports on a collision.</summary>
    /// <exception cref="InvalidOperationException">syslog-ng is not installed or does not start (its output is in the message).</exception>
    /// <remarks>The binary is <c>$SYSLOG_NG</c> when set, else <c>syslog-ng</c> on the PATH or in /usr/sbin.</remarks>
    public static async Task<SyslogNgReceiver> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(NotFound);
        var failures = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var directory = TempDirectory.ForCaller("syslog-ng", nameof(SyslogNgReceiver));
            var certificates = LoopbackCertificates.Create();
            var ports = Ports.Find();
            var started = await TryStartAsync(executable, directory, certificates, ports, cancellationToken);
            if (started.Receiver is not null)
            {
                return started.Receiver;
            }

            failures.Add($"attempt {attempt} (ports {ports}): {started.Failure}");
            certificates.Dispose();
            directory.Dispose();
        }

        throw new InvalidOperationException($"syslog-ng did not start:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>Every message received so far, in arrival order.</summary>
    public IReadOnlyList<SyslogNgMessage> ReadMessages()
    {
        if (!File.Exists(OutputPath))
        {
            return [];
        }

        string text;
        using (var stream = new FileStream(OutputPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }

        // Only whole lines: syslog-ng may be half-way through writing the last one.
        var end = text.LastIndexOf('\n');
        if (end < 0)
        {
            return [];
        }

        return [.. text[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];
    }

    /// <summary>
    /// Every whole message received so far, read one line at a time: for outputs too large to hold as one string (a
    /// throughput test's 100,000 messages).
    /// </summary>
    public IEnumerable<SyslogNgMessage> EnumerateMessages()
    {
        if (!File.Exists(OutputPath))
        {
            yield break;
        }

        using var stream = new FileStream(OutputPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var next = reader.ReadLine();
        while (next is not null)
        {
            var line = next;
            next = reader.ReadLine();

            // The last line may still be being written: only lines followed by another, or ending the file with LF.
            if (next is not null || stream.Length > 0 && EndsWithLineFeed(stream))
            {
                if (line.Length > 0)
                {
                    yield return Parse(line);
                }
            }
        }
    }

    /// <summary>
    /// How many messages arrived so far, counted by line without parsing (cheap for a throughput test: only the bytes
    /// written since the last count are read).
    /// </summary>
    public long CountMessages()
    {
        if (!File.Exists(OutputPath))
        {
            return 0;
        }

        using var stream = new FileStream(OutputPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        stream.Position = _countedBytes;
        var buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            _countedMessages += buffer.AsSpan(0, read).Count((byte)'\n');
            _countedBytes += read;
        }

        return _countedMessages;
    }

    /// <summary>
    /// Counts arriving messages until at least <paramref name="count"/> arrived, or no new one came for
    /// <paramref name="quiet"/>, or <paramref name="timeout"/> passed; returns the count.
    /// </summary>
    public async Task<long> WaitForCountAsync(long count, TimeSpan quiet, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        var lastChange = Stopwatch.StartNew();
        var last = -1L;
        while (true)
        {
            var now = CountMessages();
            if (now >= count || lastChange.Elapsed > quiet || deadline.Elapsed > timeout)
            {
                return now;
            }

            if (now != last)
            {
                last = now;
                lastChange.Restart();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System, cancellationToken);
        }
    }

    /// <summary>Polls the output until at least <paramref name="count"/> messages arrived, and returns all of them.</summary>
    /// <exception cref="TimeoutException">Fewer arrived in time; the message includes syslog-ng's internal log.</exception>
    public Task<IReadOnlyList<SyslogNgMessage>> WaitForMessagesAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForMessagesAsync(count, timeout, _ => true, cancellationToken);

    /// <summary>Polls the output until at least <paramref name="count"/> messages match, and returns the matching ones.</summary>
    /// <exception cref="TimeoutException">Fewer arrived in time; the message includes syslog-ng's internal log.</exception>
    public async Task<IReadOnlyList<SyslogNgMessage>> WaitForMessagesAsync(
        int count,
        TimeSpan timeout,
        Func<SyslogNgMessage, bool> filter,
        CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var messages = ReadMessages().Where(filter).ToList();
            if (messages.Count >= count)
            {
                return messages;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"Waited {timeout.TotalSeconds} s for {count} messages from syslog-ng, got {messages.Count}. "
                    + $"Internal log:{Environment.NewLine}{ReadInternalLog()}");
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"syslog-ng exited with {_process.ExitCode}: {_stderr}{ReadInternalLog()}");
            }

            await Task.Delay(PollInterval, TimeProvider.System, cancellationToken);
        }
    }

    /// <summary>syslog-ng's internal log so far.</summary>
    public string ReadInternalLog()
    {
        if (!File.Exists(InternalLogPath))
        {
            return string.Empty;
        }

        using var stream = new FileStream(InternalLogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Stops syslog-ng: SIGTERM, a wait, then SIGKILL.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process);
        _process.Dispose();
        _certificates.Dispose();
        _directory.Dispose();
    }

    private static string? FindExecutable()
    {
        // SYSLOG_NG names a specific binary (as in shared/validators/run-syslog-ng.sh); it must exist when set.
        if (Environment.GetEnvironmentVariable("SYSLOG_NG") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Append("/usr/local/sbin")
            .Select(dir => Path.Combine(dir, "syslog-ng"))
            .FirstOrDefault(File.Exists);
    }

    private static async Task<(SyslogNgReceiver? Receiver, string Failure)> TryStartAsync(
        string executable,
        TempDirectory directory,
        LoopbackCertificates certificates,
        Ports ports,
        CancellationToken cancellationToken)
    {
        LoopbackCertificates.WriteCertificatePem(certificates.Ca, directory.Combine("ca.pem"));
        LoopbackCertificates.WriteCertificatePem(certificates.Server, directory.Combine("server.pem"));
        LoopbackCertificates.WriteKeyPem(certificates.Server, directory.Combine("server-key.pem"));
        LoopbackCertificates.WriteCertificatePem(certificates.Client, directory.Combine("client.pem"));
        LoopbackCertificates.WriteKeyPem(certificates.Client, directory.Combine("client-key.pem"));
        var config = directory.Combine("syslog-ng.conf");
        File.WriteAllText(config, Config(directory, ports));

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-F", "--no-caps",
            "-f", config,
            "-R", directory.Combine("syslog-ng.persist"),
            "-c", directory.Combine("syslog-ng.ctl"),
            "-p", directory.Combine("syslog-ng.pid"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        // ${ISODATE} is rendered in syslog-ng's local zone: UTC makes it comparable with the event time.
        start.Environment["TZ"] = "UTC";
        var stderr = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var receiver = new SyslogNgReceiver(directory, certificates, ports, process, stderr);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken);
                return (null, $"exited with {process.ExitCode}: {stderr}{receiver.ReadInternalLog()}".Trim());
            }

            // syslog-ng logs "starting up" once every source is bound; the TCP probe confirms it from outside.
            if (receiver.ReadInternalLog().Contains("syslog-ng starting up", StringComparison.Ordinal)
                && await AcceptsAsync(ports.Tcp5424, cancellationToken)
                && await AcceptsAsync(ports.Tcp3164, cancellationToken))
            {
                return (receiver, string.Empty);
            }

            await Task.Delay(PollInterval, TimeProvider.System, cancellationToken);
        }

        await StopAsync(process);
        process.Dispose();
        return (null, $"not listening after {StartTimeout.TotalSeconds} s: {stderr}{receiver.ReadInternalLog()}".Trim());
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
            }
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static bool EndsWithLineFeed(FileStream stream)
    {
        using var probe = new FileStream(stream.Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        probe.Position = probe.Length - 1;
        return probe.ReadByte() == '\n';
    }

    private static SyslogNgMessage Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var value) ? value.ToString() : string.Empty;
        return new SyslogNgMessage(
            Text("source"),
            root.TryGetProperty("pri", out var pri) && pri.ValueKind == JsonValueKind.Number ? pri.GetInt32() : -1,
            Text("facility"),
            Text("severity"),
            Text("host"),
            Text("program"),
            Text("pid"),
            Text("msgid"),
            Text("date"),
            Text("legacy_msghdr"),
            Text("message"),
            Text("raw"));
    }

    private static string Config(TempDirectory directory, Ports ports)
    {
        var output = directory.Combine("messages.jsonl");
        var internalLog = directory.Combine("internal.log");
        var key = directory.Combine("server-key.pem");
        var cert = directory.Combine("server.pem");
        const string Json =
            "$(format-json --scope none --pair source=${SOURCE} --pair pri=int(${PRI}) --pair facility=${FACILITY} "
            + "--pair severity=${LEVEL} --pair host=${HOST} --pair program=${PROGRAM} --pair pid=${PID} --pair msgid=${MSGID} "
            + "--pair date=${ISODATE} --pair legacy_msghdr=${LEGACY_MSGHDR} --pair message=${MESSAGE} --pair raw=${RAWMSG})\\n";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            @version: 3.38
            # Generated by AuditBridge.TestKit.Receivers.SyslogNgReceiver.
            options {
              stats-freq(0);
              keep-hostname(yes);
              keep-timestamp(yes);
              use-dns(no);
              use-fqdn(no);
              chain-hostnames(no);
              frac-digits(3);
              log-msg-size(262144);
              log-fifo-size(100000);
            };

            # flags(store-raw-message) keeps the undecoded payload in ${RAWMSG}. Large windows so a 1,000-event batch is read at once.
            # UDP: the receive buffer of a default kernel ({{UdpReceiveBuffer}} bytes, whatever this host would grant), so what
            # arrives here arrives at a default receiver; the large window keeps syslog-ng reading while its file writer is busy.
            source s_tcp_5424 { syslog(transport("tcp") ip("127.0.0.1") port({{ports.Tcp5424}}) max-connections(64) log-iw-size(100000) log-fetch-limit(1000) flags(store-raw-message)); };
            source s_udp_5424 { syslog(transport("udp") ip("127.0.0.1") port({{ports.Udp5424}}) so-rcvbuf({{UdpReceiveBuffer}}) log-iw-size(100000) log-fetch-limit(1000) log-msg-size(65535) flags(store-raw-message)); };
            source s_tcp_3164 { network(transport("tcp") ip("127.0.0.1") port({{ports.Tcp3164}}) max-connections(64) log-iw-size(100000) log-fetch-limit(1000) flags(store-raw-message)); };
            source s_udp_3164 { network(transport("udp") ip("127.0.0.1") port({{ports.Udp3164}}) so-rcvbuf({{UdpReceiveBuffer}}) log-iw-size(100000) log-fetch-limit(1000) log-msg-size(65535) flags(store-raw-message)); };
            source s_tls_5425 { syslog(transport("tls") ip("127.0.0.1") port({{ports.Tls5425}}) max-connections(64) log-iw-size(100000) log-fetch-limit(1000) flags(store-raw-message)
                                 tls(key-file("{{key}}") cert-file("{{cert}}") peer-verify(optional-untrusted))); };
            source s_internal { internal(); };

            destination d_messages { file("{{output}}" template("{{Json}}") flush-lines(1)); };
            destination d_internal { file("{{internalLog}}" flush-lines(1)); };

            log { source(s_tcp_5424); source(s_udp_5424); source(s_tcp_3164); source(s_udp_3164); source(s_tls_5425); destination(d_messages); flags(flow-control); };
            log { source(s_internal); destination(d_internal); };

            """);
    }

    private sealed record Ports(int Tcp5424, int Udp5424, int Tcp3164, int Udp3164, int Tls5425)
    {
        // Bound to port 0 and released: syslog-ng may still lose the race for one of them, hence the retries.
        public static Ports Find()
        {
            var tcp = new List<TcpListener>();
            var udp = new List<Socket>();
            try
            {
                for (var i = 0; i < 3; i++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    tcp.Add(listener);
                }

                for (var i = 0; i < 2; i++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                    udp.Add(socket);
                }

                int TcpPort(int i) => ((IPEndPoint)tcp[i].LocalEndpoint).Port;
                int UdpPort(int i) => ((IPEndPoint)udp[i].LocalEndPoint!).Port;
                return new Ports(TcpPort(0), UdpPort(0), TcpPort(1), UdpPort(1), TcpPort(2));
            }
            finally
            {
                tcp.ForEach(l => l.Stop());
                udp.ForEach(s => s.Dispose());
            }
        }
    }
}
