using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AuditBridge.Benchmarks;

/// <summary>
/// In-process runs: BenchmarkDotNet 0.14 (the newest on the package mirror) predates .NET 10's runtime moniker, so it
/// cannot generate and build a separate benchmark project for this runtime.
/// </summary>
internal sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
        AddDiagnoser(MemoryDiagnoser.Default);
        WithOption(ConfigOptions.DisableOptimizationsValidator, true);
    }
}
