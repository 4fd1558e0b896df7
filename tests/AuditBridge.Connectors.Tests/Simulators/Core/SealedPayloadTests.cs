using AuditBridge.Simulators.Core;

namespace AuditBridge.Connectors.Tests.Simulators.Core;

public sealed class SealedPayloadTests
{
    private static readonly byte[] Payload = [1, 2, 3, 4, 5, 6, 7, 8];

    [Fact]
    public void TryOpen_WhatASealWithTheSameKeyWrote_GivesThePayloadBack()
    {
        var text = new SealedPayload("purpose/0/secret", Payload.Length, "p.").Seal(Payload);
        var opened = new byte[Payload.Length];

        var ok = new SealedPayload("purpose/0/secret", Payload.Length, "p.").TryOpen(text, opened);

        Assert.True(ok);
        Assert.StartsWith("p.", text, StringComparison.Ordinal);
        Assert.Equal(Payload, opened);
    }

    [Theory]
    [InlineData("purpose/1/secret", "p.")]
    [InlineData("purpose/0/secret", "q.")]
    public void TryOpen_SealedUnderAnotherKeyOrPrefix_IsRefused(string keyMaterial, string prefix)
    {
        var text = new SealedPayload(keyMaterial, Payload.Length, prefix).Seal(Payload);

        Assert.False(new SealedPayload("purpose/0/secret", Payload.Length, "p.").TryOpen(text, new byte[Payload.Length]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("p.")]
    [InlineData("p.not-base64-at-all!!!!!!!!!!!!!!!!!")]
    public void TryOpen_NotASealedString_IsRefused(string? text)
    {
        Assert.False(new SealedPayload("purpose/0/secret", Payload.Length, "p.").TryOpen(text, new byte[Payload.Length]));
    }
}
