using AuditBridge.Components;
using AuditBridge.Formats;
using AuditBridge.TestKit;

namespace AuditBridge.Tests.Components;

public sealed class ComponentRegistryTests
{
    [Fact]
    public void Sinks_ListEverySinkTheConnectorsHave()
    {
        // A sink is a folder under Connectors/Sinks with a <Type>SinkFactory: each must have its registry line.
        var folders = Directory.EnumerateFiles(RepositoryFiles.Combine("src/AuditBridge.Connectors/Sinks"), "*SinkFactory.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetFileName(f)[..^"SinkFactory.cs".Length].ToLowerInvariant())
            .Order(StringComparer.Ordinal);

        var registered = ComponentRegistry.Sinks.Select(s => s.Type).Order(StringComparer.Ordinal);

        Assert.Equal(["file", "http", "stdout", "syslog"], folders);
        Assert.Equal(folders, registered);
    }

    [Fact]
    public void Formats_ListEveryFormatTheFactoryCreates_InItsOrder()
    {
        Assert.Equal(EventFormatters.Names, ComponentRegistry.Formats.Select(f => f.Name));
    }

    [Fact]
    public void EveryOption_HasOneYamlKeyAndOneFlag_AndSaysWhyWhenItIsNotOnTheCommandLine()
    {
        var options = FormatSelection.Options.Concat(ComponentRegistry.Sinks.SelectMany(s => s.Options)).ToList();

        Assert.All(ComponentRegistry.Sinks, s => Assert.Equal(s.Options.Count, s.Options.Select(o => o.Key).Distinct(StringComparer.Ordinal).Count()));
        Assert.All(options, o => Assert.False(string.IsNullOrWhiteSpace(o.Documentation), o.Key));
        Assert.All(options, o => Assert.StartsWith("--", o.Flag, StringComparison.Ordinal));
        var flags = options.Where(o => o.NotOnCommandLine is null).Select(o => o.Flag).ToList();
        Assert.Equal(flags.Count, flags.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["fsync"], options.Where(o => o.NotOnCommandLine is not null).Select(o => o.Key));
    }
}
