namespace AuditBridge.Benchmarks;

/// <summary>Names this assembly for BenchmarkSwitcher (the executable's top-level Program is visible here too).</summary>
internal static class BenchmarkAssemblyMarker;
