using AuditBridge.Cli.State;
using AuditBridge.Cli.Terminal;
using AuditBridge.Secrets;
using AuditBridge.Shell;
using AuditBridge.Sinks;
using AuditBridge.Sources;

namespace AuditBridge.Cli.Pull;

/// <summary>
/// The one-shot loop shared by every <c>pull</c>: read a page, write it to every output, and only then save the state,
/// so a stop at any moment loses nothing and repeats at most the page in flight. SIGINT/SIGTERM stop the reading at
/// once; a page already being written is finished (within a grace period) so its state can be kept.
/// </summary>
internal sealed class PullRunner(CliContext context, StderrConsole console, ProgressReporter progress, SecretRedactor redactor)
{
    /// <summary>How long a page being written may take to finish after a stop signal before it is abandoned.</summary>
    public static readonly TimeSpan WriteGrace = TimeSpan.FromSeconds(10);

    public async Task<int> RunAsync(PullPlan plan)
    {
        Checkpoint? last = plan.ResumeFrom;
        var quarantined = 0L;
        try
        {
            await foreach (var page in plan.Source.ReadAsync(plan.ResumeFrom, context.Termination))
            {
                if (page.Events.Count > 0)
                {
                    await WriteAsync(plan.Sinks, page);
                }

                if (page.Quarantined.Count > 0)
                {
                    quarantined += Quarantine(plan, page.Quarantined);
                }

                last = page.Checkpoint;
                plan.State?.Save(new PullState(plan.Vendor, plan.Query, plan.StartTime, page.Checkpoint, context.Time.GetUtcNow()));
                progress.Page(page.Events.Count, page.DuplicatesDropped, page.Checkpoint.NewestEventTime);
            }

            Finish("done", plan, last);
            if (quarantined > 0)
            {
                console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"quarantined {quarantined:N0} events that cannot be mapped; everything else was written") + (plan.Quarantine is { } file ? $" (they are in {file.Path})" : " (add --quarantine FILE to keep them)"));
            }

            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (context.Termination.IsCancellationRequested)
        {
            Finish("stopped", plan, last);
            console.WriteLine(plan.State is null
                ? "stopped by signal after the last completely written page"
                : $"stopped by signal; {plan.State.Path} holds the state of the last completely written page");
            return context.TerminationExitCode() ?? ExitCodes.Interrupted;
        }
        catch (SourceException failure)
        {
            Finish("stopped", plan, last);
            console.WriteLine("error: " + redactor.Redact(failure.Message));
            return ExitCodeFor(failure.Kind);
        }
        catch (SinkException failure)
        {
            Finish("stopped", plan, last);
            console.WriteLine("error: " + redactor.Redact(failure.Message) + (plan.State is null ? string.Empty : $" The state in {plan.State.Path} stays at the last page written everywhere."));
            return ExitCodes.Output;
        }
        catch (UsageException failure)
        {
            Finish("stopped", plan, last);
            console.WriteLine("error: " + redactor.Redact(failure.Message));
            return failure.ExitCode;
        }
    }

    public static int ExitCodeFor(SourceErrorKind kind) => kind switch
    {
        SourceErrorKind.Authentication => ExitCodes.Authentication,
        SourceErrorKind.Permission => ExitCodes.Permission,
        SourceErrorKind.InvalidRequest => ExitCodes.InvalidRequest,
        SourceErrorKind.RateLimited => ExitCodes.RateLimited,
        SourceErrorKind.Unavailable => ExitCodes.Unavailable,
        SourceErrorKind.InvalidResponse => ExitCodes.InvalidResponse,
        SourceErrorKind.InvalidCheckpoint => ExitCodes.State,
        SourceErrorKind.InvalidInput => ExitCodes.InvalidInput,
        _ => ExitCodes.InternalError,
    };

    /// <summary>
    /// Reports each event of the page that cannot be mapped, and keeps it in the quarantine file before the state moves
    /// past its page. Returns how many there were.
    /// </summary>
    private int Quarantine(PullPlan plan, IReadOnlyList<QuarantinedEvent> events)
    {
        var kept = plan.Quarantine is { } file ? $"kept in {file.Path}" : "not kept (add --quarantine FILE to keep such events)";
        foreach (var quarantined in events)
        {
            console.WriteLine(redactor.Redact($"warning: quarantined a {quarantined.Vendor} event that cannot be mapped ({quarantined.Position}): {quarantined.Error}; {kept}"));
        }

        plan.Quarantine?.Append(plan.Vendor, context.Time.GetUtcNow(), events);
        return events.Count;
    }

    private async Task WriteAsync(IReadOnlyList<ISink> sinks, SourcePage page)
    {
        // A stop signal does not cut a page in half: the write gets a grace period to finish so its state can be saved.
        using var grace = new CancellationTokenSource();
        using var registration = context.Termination.Register(static state => ((CancellationTokenSource)state!).CancelAfter(WriteGrace), grace);
        foreach (var sink in sinks)
        {
            await sink.WriteAsync(page.Events, grace.Token);
        }
    }

    private void Finish(string outcome, PullPlan plan, Checkpoint? last)
    {
        var shortened = plan.Sinks.Sum(s => s.Statistics.Shortened);
        progress.Finish(outcome, shortened > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{shortened:N0} records shortened to fit the UDP datagram limit") : null);

        // The seed script printed the cursor for the next run; keep doing so (it is not a secret).
        if (last?.Position is { } cursor)
        {
            console.WriteLine("Event cursor: " + cursor);
        }
    }
}
