namespace AuditBridge.Sinks;

/// <summary>
/// How a front end names an option in messages: a property name (<c>MaxBatchEvents</c>) or an enum value
/// (<c>SplunkHec</c>) in, what the user wrote it as out (<c>max_batch_events</c>, <c>--http-max-batch-events</c>,
/// <c>mode splunk_hec</c>). The options classes' <c>Validate()</c> uses the property names themselves.
/// </summary>
/// <param name="name">A property name or an enum value name of the options class.</param>
/// <returns>The name to print.</returns>
public delegate string OptionNamer(string name);
