using AuditBridge.Configuration;
using AuditBridge.Daemon;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Daemon;

/// <summary>
/// Runs <see cref="BridgeHost"/> in-process on a configuration written by the test, with a fake clock that runs
/// ahead whenever everything waits (schedules, backoff), and a <see cref="RecordingObserver"/> to wait on.
/// </summary>
internal sealed class DaemonHarness : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["DROPBOX_ACCESS_TOKEN"] = "sim-access-token",
    };

    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _log = new();
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Task<int>? _run;

    private DaemonHarness(TempDirectory directory, string configPath, IReadOnlyDictionary<string, string> environment)
    {
        Directory = directory;
        ConfigPath = configPath;
        _environment = environment;
    }

    public TempDirectory Directory { get; }

    public string ConfigPath { get; }

    public RecordingObserver Observer { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), autoAdvance: true);

    public string? MetricsAddress { get; private set; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <param name="directory">Where the configuration, the journal and relative outputs go.</param>
    /// <param name="yaml">The configuration.</param>
    /// <param name="environment">What <c>${VARIABLES}</c> resolve from; default <see cref="Environment"/>.</param>
    public static DaemonHarness Create(TempDirectory directory, string yaml, IReadOnlyDictionary<string, string>? environment = null)
    {
        var path = directory.Combine("auditbridge.yaml");
        File.WriteAllText(path, yaml);
        return new DaemonHarness(directory, path, environment ?? Environment);
    }

    public DaemonConfig Load() => DaemonConfigLoader.Load(ConfigPath, "auditbridge.yaml", _environment);

    public void Start()
    {
        var runtime = new BridgeRuntime
        {
            Time = Time,
            Log = TextWriter.Synchronized(_log),
            Observer = Observer,
            Listening = address => MetricsAddress = address,
        };
        var config = Load();
        _run = Task.Run(() => BridgeHost.RunAsync(config, runtime, _stop.Token));
    }

    /// <summary>Stops the daemon as SIGTERM does and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run!.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_run is not null && !_run.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
