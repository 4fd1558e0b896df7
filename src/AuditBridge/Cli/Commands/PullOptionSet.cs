using System.CommandLine;
using AuditBridge.Cli.Pull;
using AuditBridge.Cli.Terminal;
using AuditBridge.Settings;
using AuditBridge.Shell;
using AuditBridge.Sources.Http;

namespace AuditBridge.Cli.Commands;

/// <summary>
/// The options every <c>pull &lt;vendor&gt;</c> shares, and the traps that refuse secrets on the command line.
/// A fresh set per command: System.CommandLine symbols belong to one parent.
/// </summary>
internal sealed class PullOptionSet
{
    private readonly string _secretHint;
    private readonly bool _includeHttp;
    private readonly Option<string?>[] _secretTraps;

    /// <param name="secretHint">Where this vendor's secrets go instead (named in the refusal).</param>
    /// <param name="secretOptionNames">Option names a user might try for a secret (<c>--token</c> …).</param>
    public PullOptionSet(string secretHint, params string[] secretOptionNames)
        : this(secretHint, includeHttp: true, secretOptionNames)
    {
    }

    /// <param name="secretHint">Where this vendor's secrets go instead.</param>
    /// <param name="includeHttp">False for sources that make no HTTP calls of their own (Dashlane runs dcli).</param>
    /// <param name="secretOptionNames">Option names a user might try for a secret.</param>
    public PullOptionSet(string secretHint, bool includeHttp, params string[] secretOptionNames)
    {
        _includeHttp = includeHttp;
        _secretHint = secretHint;
        _secretTraps = [.. secretOptionNames.Select(name => new Option<string?>(name) { Hidden = true, Arity = ArgumentArity.ZeroOrOne })];
    }

    public OutputOptionSet Outputs { get; } = new();

    public Option<string?> State { get; } = new("--state") { Description = "Keep the resume point in FILE after every written page; the next run continues from it and writes only new events.", HelpName = "FILE" };

    public Option<bool> ResetState { get; } = new("--reset-state") { Description = "Discard what --state holds and start the query over." };

    public Option<string?> Quarantine { get; } = new("--quarantine") { Description = "Append vendor events that cannot be mapped (with where they were and why) to FILE as JSON lines; they are always reported on stderr, and the rest is written either way.", HelpName = "FILE" };

    public Option<string> MaxWait { get; } = new("--max-wait") { Description = "Longest total wait on rate limits per request before giving up (the state is kept).", DefaultValueFactory = _ => "5m" };

    public Option<int> Retries { get; } = new("--retries") { Description = "Retries of a request after 5xx, timeouts or broken answers (with exponential backoff).", DefaultValueFactory = _ => 5 };

    public Option<string> RequestTimeout { get; } = new("--request-timeout") { Description = "Time limit of one HTTP request.", DefaultValueFactory = _ => "60s" };

    public Option<bool> AllowInsecureHttp { get; } = new("--allow-insecure-http") { Description = "Allow http:// --api-url/--oauth-url on another host (credentials and events then cross the network unencrypted; a warning is printed every run)." };

    public Option<string?> SeverityMap { get; } = new("--severity-map") { Description = "JSON file overriding severities per category and per event type (docs/formats/severity.md).", HelpName = "FILE" };

    public Option<int> DefaultSeverity { get; } = new("--default-severity") { Description = "Severity of categories the map does not list.", DefaultValueFactory = _ => 5 };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No progress output." };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Also report debug details (never secrets)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { State, ResetState, Quarantine, SeverityMap, DefaultSeverity, Quiet, Verbose })
        {
            command.Add(option);
        }

        if (_includeHttp)
        {
            foreach (var option in new Option[] { MaxWait, Retries, RequestTimeout, AllowInsecureHttp })
            {
                command.Add(option);
            }
        }

        foreach (var trap in _secretTraps)
        {
            command.Add(trap);
        }

        Outputs.AddTo(command);
    }

    /// <summary>Reads the shared options; refuses a secret given on the command line.</summary>
    public CommonPullRequest Read(ParseResult result, CliContext context)
    {
        foreach (var trap in _secretTraps)
        {
            if (result.GetResult(trap) is not null)
            {
                throw new UsageException($"{trap.Name}: secrets are never taken from the command line (they would end up in shell history and process listings); {_secretHint}");
            }
        }

        var common = new CommonPullRequest
        {
            StateFile = result.GetValue(State),
            ResetState = result.GetValue(ResetState),
            QuarantineFile = result.GetValue(Quarantine),
            SeverityMap = result.GetValue(SeverityMap),
            DefaultSeverity = result.GetValue(DefaultSeverity) is var s and >= 0 and <= 10 ? s : throw new UsageException("--default-severity must be between 0 and 10"),
            DefaultSeverityGiven = result.GetResult(DefaultSeverity) is { Implicit: false },
            Output = Outputs.Read(result, context, durable: result.GetValue(State) is not null),
            Quiet = result.GetValue(Quiet),
            Verbose = result.GetValue(Verbose),
        };
        if (!_includeHttp)
        {
            return common;
        }

        return common with
        {
            MaxWait = DurationText.Parse("--max-wait", result.GetValue(MaxWait)!),
            Retries = result.GetValue(Retries) is var r and >= 0 and <= 100 ? r : throw new UsageException("--retries must be between 0 and 100"),
            RequestTimeout = DurationText.Parse("--request-timeout", result.GetValue(RequestTimeout)!, VendorHttpOptions.MinimumRequestTimeout),
            AllowInsecureHttp = result.GetValue(AllowInsecureHttp),
        };
    }
}
