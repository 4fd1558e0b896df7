using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditBridge.Fakes.Dcli;

/// <summary>
/// How the fake <c>dcli</c> behaves, read from the JSON file named by <see cref="EnvironmentVariable"/>
/// (snake_case keys, see README.md). Tests write it through the TestKit's <c>FakeDcli</c> helper.
/// </summary>
public sealed record FakeDcliConfig
{
    /// <summary>The environment variable holding the path of the JSON configuration file.</summary>
    public const string EnvironmentVariable = "AUDITBRIDGE_FAKE_DCLI_CONFIG";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>Seed of the generated dataset: the same seed, count and times give the same logs, byte for byte.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of logs in the team's history.</summary>
    public int Count { get; init; } = 200;

    /// <summary>Epoch milliseconds of the first log (default 2024-05-01T00:00:00Z).</summary>
    public long OriginMs { get; init; } = 1_714_521_600_000;

    /// <summary>Average distance between two logs, in milliseconds (each log gets a seeded jitter below it).</summary>
    public long IntervalMs { get; init; } = 15 * 60 * 1000;

    /// <summary>Every Nth log carries a hostile value (pipes, =, backslashes, CR/LF, TAB, non-ASCII, 5,000 chars, forged CEF); 0 = never.</summary>
    public int HostileEvery { get; init; } = 10;

    /// <summary>Every Nth log is a poison log (its <c>date_time</c> a string); 0 = never (default).</summary>
    public int PoisonEvery { get; init; }

    /// <summary>When set, DASHLANE_ENROLLED_TEAM_DEVICE_KEYS must equal this value exactly, else the fake fails as an invalid key does.</summary>
    public string? ExpectedKeys { get; init; }

    /// <summary>
    /// A failure to act out: <c>server_rejected_keys</c> (exit 1, invalid authentication), <c>maintenance</c> (exit 0, no
    /// output, an error on stderr, as the CLI did in 2025), <c>query_failed</c> (exit 1, "Query execution did not
    /// succeed: FAILED"), <c>network</c> (exit 1, getaddrinfo ENOTFOUND). Null = succeed.
    /// </summary>
    public string? Failure { get; init; }

    /// <summary>With <see cref="Failure"/>: print this many log lines before failing (default 0).</summary>
    public int FailAfterLines { get; init; }

    /// <summary>Block forever after <see cref="HangAfterLines"/> lines (a timeout test kills it).</summary>
    public int? HangAfterLines { get; init; }

    /// <summary>1-based output line replaced by a line that is not a JSON object.</summary>
    public int? InvalidLineAt { get; init; }

    /// <summary>The last line is cut in the middle, without its newline, and the fake exits with <see cref="CutExitCode"/>.</summary>
    public bool CutLastLine { get; init; }

    /// <summary>Exit code used with <see cref="CutLastLine"/> (default 0: dcli's own bug would look like success).</summary>
    public int CutExitCode { get; init; }

    /// <summary>After this many lines, flush and wait until <see cref="ReleaseFile"/> exists.</summary>
    public int? PauseAfterLines { get; init; }

    /// <summary>The file whose creation ends the pause.</summary>
    public string? ReleaseFile { get; init; }

    /// <summary>Optional real pause between lines, in milliseconds (0 = none; tests must not depend on it).</summary>
    public int LineDelayMs { get; init; }

    /// <summary>When set, each run appends one JSON line here: its arguments and whether the keys arrived unchanged.</summary>
    public string? InvocationLog { get; init; }

    /// <summary>Extra text printed on stderr by a successful run (dcli prints warnings there).</summary>
    public string? StderrNoise { get; init; }

    /// <summary>
    /// Every error message (each <see cref="Failure"/>, the maintenance notice, a missing or rejected key) also echoes
    /// the whole DASHLANE_ENROLLED_TEAM_DEVICE_KEYS and a BEL, as a careless tool might: the caller must redact and escape.
    /// Default false.
    /// </summary>
    public bool EchoKeys { get; init; }

    public static FakeDcliConfig Load(string path) =>
        JsonSerializer.Deserialize<FakeDcliConfig>(File.ReadAllBytes(path), JsonOptions)
        ?? throw new InvalidDataException($"{path} holds no configuration object.");

    public void Save(string path) => File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, JsonOptions));
}
