using System.Text.Json;
using AuditBridge.Simulators.Core;

namespace AuditBridge.Connectors.Tests.Simulators.Core;

/// <summary>The test vendor's dataset: event <c>i</c> is <c>{"id":i,"at":"…"}</c>.</summary>
internal sealed class AcmeEvents(AcmeOptions options) : EventGenerator(options)
{
    internal override void WriteEvent(Utf8JsonWriter writer, long index)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", index);
        writer.WriteString("at", GetTime(index));
        writer.WriteEndObject();
    }
}
