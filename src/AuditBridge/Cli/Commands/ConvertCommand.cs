using System.CommandLine;
using AuditBridge.Cli.Pull;
using AuditBridge.Cli.Terminal;
using AuditBridge.Shell;
using AuditBridge.Sources;

namespace AuditBridge.Cli.Commands;

/// <summary><c>auditbridge convert</c>: exported vendor JSON to any format and output, offline.</summary>
internal static class ConvertCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "convert",
            "Convert vendor events someone already exported (an API page, a JSON array or JSON lines, detected) to CEF, JSON lines or CSV, on stdout, in a file or to syslog.");
        var vendor = new Option<string>("--vendor") { Description = $"Whose events: {string.Join(", ", VendorEventMappers.Vendors)}.", Required = true };
        var input = new Argument<string>("FILE") { Description = "The input file, or - for standard input.", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "-" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Skip events that are not valid JSON or not events of the vendor, and count them, instead of stopping at the first." };
        var severityMap = new Option<string?>("--severity-map") { Description = "JSON file overriding severities per category and per event type (docs/formats/severity.md).", HelpName = "FILE" };
        var defaultSeverity = new Option<int>("--default-severity") { Description = "Severity of categories the map does not list.", DefaultValueFactory = _ => 5 };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress output." };
        var outputs = new OutputOptionSet();
        command.Add(input);
        foreach (var option in new Option[] { vendor, skipInvalid, severityMap, defaultSeverity, quiet })
        {
            command.Add(option);
        }

        outputs.AddTo(command);
        command.SetAction(async (result, _) =>
        {
            CommonPullRequest common;
            try
            {
                common = new CommonPullRequest
                {
                    SeverityMap = result.GetValue(severityMap),
                    DefaultSeverity = result.GetValue(defaultSeverity) is var s and >= 0 and <= 10 ? s : throw new UsageException("--default-severity must be between 0 and 10"),
                    DefaultSeverityGiven = result.GetResult(defaultSeverity) is { Implicit: false },
                    Output = outputs.Read(result, context, durable: false),
                    Quiet = result.GetValue(quiet),
                };
            }
            catch (UsageException usage)
            {
                await context.Error.WriteLineAsync("error: " + usage.Message);
                return usage.ExitCode;
            }

            return await PullService.RunAsync(common, new ConvertPull(result.GetValue(vendor)!.Trim().ToLowerInvariant(), result.GetValue(input)!, result.GetValue(skipInvalid)), context);
        });
        return command;
    }
}
