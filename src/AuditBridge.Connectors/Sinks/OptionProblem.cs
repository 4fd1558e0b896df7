namespace AuditBridge.Sinks;

/// <summary>
/// One problem of a sink's options, keyed by the option it is about (<see cref="Property"/>, the options class's property
/// name), so a front end can point at its own name for it (a YAML key, a command-line flag).
/// </summary>
/// <param name="Property">The property the problem is about (where the fix goes).</param>
/// <param name="Message">One sentence, naming options as the <see cref="OptionNamer"/> given to <c>Problems</c> names them.</param>
public sealed record OptionProblem(string Property, string Message);
