using AuditBridge.Sinks;
using AuditBridge.Sinks.Http;

namespace AuditBridge.Connectors.Tests.Sinks.Http;

public sealed class RequestSplitterTests
{
    [Theory]
    [InlineData(new[] { 10, 10, 10 }, 10, 30, new[] { 3 })]
    [InlineData(new[] { 10, 10, 10 }, 10, 29, new[] { 2, 1 })]
    [InlineData(new[] { 10, 10, 10 }, 2, 1000, new[] { 2, 1 })]
    [InlineData(new[] { 10, 25, 5, 30 }, 10, 30, new[] { 1, 2, 1 })]
    [InlineData(new[] { 30, 30 }, 10, 30, new[] { 1, 1 })]
    [InlineData(new int[0], 10, 30, new int[0])]
    public void Split_Records_CutsGreedilyWithinBothLimitsInOrder(int[] lengths, int maxEvents, int maxBytes, int[] expectedCounts)
    {
        var offset = 0;
        var records = lengths.Select(l => new EncodedRecord((offset += l) - l, l, false)).ToList();
        var requests = new List<(int First, int Count)>();

        RequestSplitter.Split(records, maxEvents, maxBytes, requests);

        Assert.Equal(expectedCounts, requests.Select(r => r.Count));
        Assert.Equal(Enumerable.Range(0, lengths.Length), requests.SelectMany(r => Enumerable.Range(r.First, r.Count)));
    }
}
