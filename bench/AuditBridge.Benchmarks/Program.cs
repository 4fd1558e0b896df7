using AuditBridge.Benchmarks;
using BenchmarkDotNet.Running;

// "e2e" runs the end-to-end scenario (simulator → auditbridge pull → CEF → file or TCP syslog);
// anything else goes to BenchmarkDotNet's switcher (--filter '*Formatter*', --list flat, …).
if (args.Length > 0 && args[0] == "e2e")
{
    return await EndToEndBenchmark.RunAsync(args[1..]);
}

// "daemon": simulator → auditbridge run → SQLite journal → CEF over TCP syslog, during a backfill, then idle.
if (args.Length > 0 && args[0] == "daemon")
{
    return await DaemonBenchmark.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkAssemblyMarker).Assembly).Run(args);
return 0;
