using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using AuditBridge.Diagnostics;

namespace AuditBridge.Daemon;

/// <summary>
/// Collects AuditBridge's counters with a <see cref="MeterListener"/> and renders them, with the daemon's gauges
/// (backlog, checkpoint lag), in the Prometheus text exposition format for <c>/metrics</c>.
/// </summary>
internal sealed class PrometheusMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Labels), long> _counters = new();
    private readonly ConcurrentDictionary<string, string> _descriptions = new(StringComparer.Ordinal);
    public PrometheusMetrics()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BridgeMetrics.MeterName)
            {
                _descriptions[instrument.Name] = instrument.Description ?? instrument.Name;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _counters.AddOrUpdate((instrument.Name, Labels(tags)), value, (_, current) => current + value));
        _listener.Start();
    }

    /// <summary>The counters seen so far and <paramref name="gauges"/> (computed by the caller at scrape time).</summary>
    public string Render(IEnumerable<GaugeSample> gauges)
    {
        var text = new StringBuilder();
        foreach (var group in _counters.GroupBy(c => c.Key.Instrument).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = MetricName(group.Key) + "_total";
            text.Append("# HELP ").Append(name).Append(' ').Append(_descriptions.GetValueOrDefault(group.Key, group.Key)).Append('\n');
            text.Append("# TYPE ").Append(name).Append(" counter\n");
            foreach (var ((_, labels), value) in group.OrderBy(c => c.Key.Labels, StringComparer.Ordinal))
            {
                text.Append(name).Append(labels).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        foreach (var gauge in gauges.GroupBy(g => g.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append("# HELP ").Append(gauge.Key).Append(' ').Append(gauge.First().Help).Append('\n');
            text.Append("# TYPE ").Append(gauge.Key).Append(" gauge\n");
            foreach (var sample in gauge)
            {
                text.Append(gauge.Key).Append(Labels(sample.Labels)).Append(' ').Append(sample.Value.ToString("0.###", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private static string MetricName(string instrument) => instrument.Replace('.', '_');

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var pairs = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add(new(tag.Key, Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty));
        }

        return Labels(pairs);
    }

    private static string Labels(IEnumerable<KeyValuePair<string, string>> tags)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            text.Append(text.Length == 0 ? "{" : ",").Append(key).Append("=\"").Append(Escape(value)).Append('"');
        }

        return text.Length == 0 ? string.Empty : text.Append('}').ToString();
    }

    // Prometheus label values escape backslash, double quote and line feed.
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
