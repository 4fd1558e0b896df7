using System.Text.RegularExpressions;
using AuditBridge.TestKit;

namespace AuditBridge.Tests.Repository;

/// <summary>
/// Layers that only point down (docs/architecture.md, "Layers"): the namespaces of each project, read from the
/// sources, form no cycle, and the named lower layers never reach up. A namespace depends on another when one of its
/// files has a <c>using</c> of it or names a type declared only there (that also catches a parent namespace's types,
/// which C# makes visible without a <c>using</c>, and fully qualified names).
/// </summary>
public sealed partial class LayeringTests
{
    // The libraries keep each contract and its registry in the parent namespace (IEventFormatter and EventFormatters
    // in Formats, the CEF formatter in Formats.Cef): a deliberate parent-child pair, so only the rules below apply there.
    [Fact]
    public void TheExecutablesNamespacesFormNoCycle()
    {
        const string Project = "src/AuditBridge";
        var graph = Graph(Project);

        var cycles = StronglyConnected(graph).Where(c => c.Count > 1).ToList();

        Assert.True(cycles.Count == 0, $"namespace cycles in {Project}:\n" + string.Join("\n", cycles.Select(c => string.Join(" <-> ", c.Order(StringComparer.Ordinal)) + "\n  " + Witness(graph, c))));
    }

    [Theory]
    [InlineData("src/AuditBridge", "AuditBridge.Configuration", "AuditBridge.Cli")]
    [InlineData("src/AuditBridge", "AuditBridge.Daemon", "AuditBridge.Cli")]
    [InlineData("src/AuditBridge", "AuditBridge.Settings", "AuditBridge.Cli")]
    [InlineData("src/AuditBridge", "AuditBridge.Shell", "AuditBridge.Cli")]
    [InlineData("src/AuditBridge", "AuditBridge.Cli.Demo", "AuditBridge.Cli.Commands")]
    [InlineData("src/AuditBridge", "AuditBridge.Cli.Pull", "AuditBridge.Cli.Commands")]
    [InlineData("src/AuditBridge", "AuditBridge.Components", "AuditBridge.Cli")]
    [InlineData("src/AuditBridge", "AuditBridge.Components", "AuditBridge.Configuration")]
    [InlineData("src/AuditBridge", "AuditBridge.Components", "AuditBridge.Daemon")]
    [InlineData("src/AuditBridge.Core", "AuditBridge.Formats.Leef", "AuditBridge.Formats.Cef")]
    [InlineData("src/AuditBridge.Core", "AuditBridge.Formats.Csv", "AuditBridge.Formats.Json")]
    public void LowerLayerDoesNotReachUp(string project, string lower, string upper)
    {
        var graph = Graph(project);
        Assert.Contains(lower, graph.Keys);

        var reached = graph.Where(n => n.Key == lower || n.Key.StartsWith(lower + ".", StringComparison.Ordinal))
            .SelectMany(n => n.Value.Select(target => (From: n.Key, To: target.Key, Witness: target.Value)))
            .Where(e => e.To == upper || e.To.StartsWith(upper + ".", StringComparison.Ordinal))
            .ToList();

        Assert.True(reached.Count == 0, string.Join("\n", reached.Select(e => $"{e.From} -> {e.To} ({e.Witness})")));
    }

    [Fact]
    public void TheGraphSeesUsingsAndTypeNames()
    {
        // The detector itself: the executable's commands do use the configuration (a using) and the demo names
        // the daemon's host (a type), so both edges must be found; a detector that finds nothing proves nothing.
        var graph = Graph("src/AuditBridge");

        Assert.Contains("AuditBridge.Configuration", graph["AuditBridge.Cli.Commands"].Keys);
        Assert.Contains("AuditBridge.Cli.Terminal", graph["AuditBridge.Cli.Demo"].Keys);
    }

    // namespace -> (namespace it depends on -> one file and reason, for the failure message)
    private static Dictionary<string, Dictionary<string, string>> Graph(string project)
    {
        var files = Directory.EnumerateFiles(RepositoryFiles.Combine(project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path: Path.GetRelativePath(RepositoryFiles.Root, f), Text: WithoutCommentsAndStrings(File.ReadAllText(f))))
            .Select(f => (f.Path, f.Text, Namespace: NamespaceDeclaration().Match(f.Text) is { Success: true } m ? m.Groups[1].Value : null))
            .Where(f => f.Namespace is not null)
            .ToList();

        // Types declared in exactly one namespace of the project: a bare mention of such a name is a dependency.
        var declaredIn = files
            .SelectMany(f => TypeDeclaration().Matches(f.Text).Select(m => (Name: m.Groups[1].Value, f.Namespace)))
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Where(g => g.Select(t => t.Namespace).Distinct(StringComparer.Ordinal).Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Namespace!, StringComparer.Ordinal);
        var namespaces = files.Select(f => f.Namespace!).ToHashSet(StringComparer.Ordinal);

        var graph = namespaces.ToDictionary(n => n, _ => new Dictionary<string, string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (path, text, ns) in files)
        {
            var edges = graph[ns!];
            foreach (Match use in UsingDirective().Matches(text))
            {
                if (namespaces.Contains(use.Groups[1].Value) && use.Groups[1].Value != ns)
                {
                    edges.TryAdd(use.Groups[1].Value, $"{path}: using {use.Groups[1].Value}");
                }
            }

            foreach (Match word in TypeMention().Matches(text))
            {
                if (declaredIn.TryGetValue(word.Groups[1].Value, out var target) && target != ns && !IsMethodCall(text, word))
                {
                    edges.TryAdd(target, $"{path}: {word.Groups[1].Value}");
                }
            }
        }

        return graph;
    }

    // Log(root) calls a method that happens to share a type's name; new Log(...) would be the type.
    private static bool IsMethodCall(string text, Match word)
    {
        var after = text.AsSpan(word.Index + word.Length).TrimStart();
        return after.Length > 0 && after[0] == '(' && !text.AsSpan(0, word.Index).TrimEnd().EndsWith("new", StringComparison.Ordinal);
    }

    private static string Witness(Dictionary<string, Dictionary<string, string>> graph, IReadOnlyCollection<string> cycle) =>
        string.Join("\n  ", cycle.SelectMany(from => graph[from].Where(e => cycle.Contains(e.Key)).Select(e => $"{from} -> {e.Key} ({e.Value})")));

    // Tarjan's strongly connected components: a component with more than one namespace is a cycle.
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<List<string>>();
        var next = 0;

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in graph[node].Keys)
            {
                if (!index.ContainsKey(target))
                {
                    Visit(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
                else if (onStack.Contains(target) && index.TryGetValue(target, out var targetIndex))
                {
                    low[node] = Math.Min(low[node], targetIndex);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return components;
    }

    // Comments and string contents would make every word in them look like a use of a type.
    private static string WithoutCommentsAndStrings(string source) =>
        CommentOrString().Replace(source, m => m.Value.StartsWith('/') ? " " : "\"\"");

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)'", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^using (?:static )?(AuditBridge[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(\w+)")]
    private static partial Regex TypeDeclaration();

    // A capitalised word used as a type: not a member access (config.Log) and not a declared name (LogSettings Log,).
    [GeneratedRegex(@"(?<![.\w])([A-Z]\w*)\b(?!\s*[,;=){])")]
    private static partial Regex TypeMention();
}
