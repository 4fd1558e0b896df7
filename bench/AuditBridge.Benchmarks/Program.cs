using AuditBridge.Benchmarks;
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkAssemblyMarker).Assembly).Run(args);
