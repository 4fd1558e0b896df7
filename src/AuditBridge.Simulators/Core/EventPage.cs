using System.Buffers;
using System.IO.Pipelines;

namespace AuditBridge.Simulators.Core;

/// <summary>
/// Sends a page of events as the vendor shapes it: a JSON object whose <c>head</c> members come first, then the events
/// array, then the <c>tail</c> members. The body is streamed straight into the response, flushed about every 32 KiB so a
/// page of a thousand events never sits in memory whole; with the truncated-body fault it is built whole, announced in
/// full and cut in half.
/// </summary>
internal static class EventPage
{
    // Flush the response pipe about every 32 KiB so a 1000-event page streams instead of buffering a megabyte.
    private const int FlushThreshold = 32 * 1024;

    /// <param name="context">The request.</param>
    /// <param name="events">The dataset that writes each event.</param>
    /// <param name="arrayName">The events array's member name (<c>events</c>, <c>entries</c>).</param>
    /// <param name="indexes">The events of the page, in the order they are served.</param>
    /// <param name="head">Writes the members before the array, or null.</param>
    /// <param name="tail">Writes the members after the array, or null.</param>
    /// <param name="truncate">Whether the truncated-body fault applies.</param>
    public static async Task SendAsync(
        HttpContext context,
        EventGenerator events,
        JsonEncodedText arrayName,
        ReadOnlyMemory<long> indexes,
        Action<Utf8JsonWriter>? head,
        Action<Utf8JsonWriter>? tail,
        bool truncate)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = HttpAnswers.JsonContentType;
        if (truncate)
        {
            var full = new ArrayBufferWriter<byte>(64 * 1024);
            await WriteAsync(full, flushTarget: null, events, arrayName, indexes, head, tail, context.RequestAborted);
            await HttpAnswers.TruncatedAsync(context, full.WrittenMemory);
            return;
        }

        await WriteAsync(response.BodyWriter, response.BodyWriter, events, arrayName, indexes, head, tail, context.RequestAborted);
    }

    private static async Task WriteAsync(
        IBufferWriter<byte> output,
        PipeWriter? flushTarget,
        EventGenerator events,
        JsonEncodedText arrayName,
        ReadOnlyMemory<long> indexes,
        Action<Utf8JsonWriter>? head,
        Action<Utf8JsonWriter>? tail,
        CancellationToken cancellationToken)
    {
        using var writer = new Utf8JsonWriter(output, SimulatorJson.EventWriterOptions);
        writer.WriteStartObject();
        head?.Invoke(writer);
        writer.WriteStartArray(arrayName);
        for (var i = 0; i < indexes.Length; i++)
        {
            events.WriteEvent(writer, indexes.Span[i]);
            if (flushTarget is not null && writer.BytesPending >= FlushThreshold)
            {
                writer.Flush();
                var result = await flushTarget.FlushAsync(cancellationToken);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }

        writer.WriteEndArray();
        tail?.Invoke(writer);
        writer.WriteEndObject();
        writer.Flush();
    }
}
