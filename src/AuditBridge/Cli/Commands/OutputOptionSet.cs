using System.CommandLine;
using AuditBridge.Cli.Pull;
using AuditBridge.Cli.Terminal;
using AuditBridge.Components;
using AuditBridge.Settings;
using AuditBridge.Shell;

namespace AuditBridge.Cli.Commands;

/// <summary>
/// The output options every <c>pull</c> and <c>convert</c> command shares, generated from the component registry: the
/// format options, and for each sink its target flag (<c>--syslog</c>, <c>--output</c>, <c>--http</c>) and its options.
/// Without a target, records go to stdout. A fresh set per command: System.CommandLine symbols belong to one parent.
/// </summary>
internal sealed class OutputOptionSet
{
    /// <summary>The seed script's <c>--output</c> took no value and wrote this file; a bare <c>--output</c> still does.</summary>
    public const string SeedOutputFile = FileSinkDefinition.SeedOutputFile;

    private readonly Dictionary<OptionSpec, Option> _options = [];

    public OutputOptionSet()
    {
        foreach (var spec in FormatSelection.Options.Concat(ComponentRegistry.Sinks.SelectMany(s => s.Options)).Where(s => s.NotOnCommandLine is null))
        {
            _options[spec] = Create(spec);
        }
    }

    public Option<string?> Host { get; } = new("--host")
    {
        Description = "The sample script's syslog target: UDP to HOST:--port with an RFC 3164 header.",
    };

    public Option<int?> Port { get; } = new("--port")
    {
        Description = "Port for --host.",
    };

    public void AddTo(Command command)
    {
        foreach (var option in _options.Values)
        {
            command.Add(option);
        }

        command.Add(Host);
        command.Add(Port);
    }

    /// <summary>Reads and checks every output option through the sinks' definitions; every problem at once.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="context">Working directory and environment (secrets: env:NAME, with ./.env merged in).</param>
    /// <param name="durable">True with <c>--state</c>: a file output is synced before the state moves past its page.</param>
    /// <exception cref="UsageException">The options have a problem.</exception>
    public OutputRequest Read(ParseResult result, CliContext context, bool durable)
    {
        var implied = new Dictionary<OptionSpec, string> { [FileSinkDefinition.Fsync] = durable ? "true" : "false" };
        SampleScriptTarget(result, implied);
        var source = new CommandLineOptionSource(result, _options, DotEnvFile.Merge(context.Environment, context.WorkingDirectory), context.WorkingDirectory, implied);
        var reader = new OptionReader(source);
        var formatter = FormatSelection.Read(reader, "cef");
        var bindings = new List<SinkBinding>();
        foreach (var sink in ComponentRegistry.Sinks.Where(s => s.Target is not null))
        {
            if (source.Has(sink.Target!))
            {
                bindings.Add(sink.Bind(reader, formatter));
                continue;
            }

            foreach (var option in sink.Options.Where(o => o.NotOnCommandLine is null && source.Has(o)))
            {
                if (option.IgnoredWithoutItsSink)
                {
                    reader.Check(option);
                }
                else
                {
                    source.ComponentError(option, $"applies to the {sink.Type} sink: it needs {source.SinkReference(sink)}");
                }
            }
        }

        if (bindings.Count == 0)
        {
            bindings.Add(ComponentRegistry.Sink("stdout").Bind(reader, formatter));
        }

        var followSymlinks = reader.Bool(FileSinkDefinition.FollowSymlinks) ?? false;
        if (source.Errors.Count > 0)
        {
            throw new UsageException(string.Join(Environment.NewLine + "error: ", source.Errors.Select(e => e.Message)));
        }

        return new OutputRequest(bindings, followSymlinks, [.. source.Warnings]);
    }

    // The sample script sent UDP to --host:--port; an RFC 3164 header is what its receivers (and Sentinel) expect.
    private void SampleScriptTarget(ParseResult result, Dictionary<OptionSpec, string> implied)
    {
        var host = result.GetValue(Host);
        var port = result.GetValue(Port);
        if (host is null && port is null)
        {
            return;
        }

        if (result.GetResult(_options[SyslogSinkDefinition.Endpoint]) is not null)
        {
            throw new UsageException("--host/--port and --syslog both name a syslog receiver; give one of them");
        }

        if (host is null || port is null)
        {
            throw new UsageException("--host and --port go together (the sample script's UDP syslog target)");
        }

        implied[SyslogSinkDefinition.Endpoint] = $"udp://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}";
        if (result.GetResult(_options[SyslogSinkDefinition.Header]) is null)
        {
            implied[SyslogSinkDefinition.Header] = "rfc3164";
        }
    }

    private static Option Create(OptionSpec spec)
    {
        var description = spec.Documentation + (spec.Default is null || spec.Kind == OptionKind.Bool ? string.Empty : $" Default: {spec.Default}.");
        Option option = spec.Kind switch
        {
            OptionKind.Bool => new Option<bool>(spec.Flag),
            OptionKind.Map or OptionKind.SecretMap => new Option<string[]>(spec.Flag) { AllowMultipleArgumentsPerToken = false },
            _ => new Option<string?>(spec.Flag) { Arity = spec.ValueWhenBare is null ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne },
        };
        option.Description = description;
        option.HelpName = spec.HelpName;
        if (spec.Flag == FileSinkDefinition.FilePath.Flag)
        {
            option.Aliases.Add("-o");
        }

        return option;
    }
}
