using AuditBridge.Simulators.Core;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Simulators.Core;

public sealed class TokenIssuerTests
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    [Fact]
    public void Validate_IssuedToken_IsValidUntilItsLifetimeEndsThenExpired()
    {
        var clock = new FakeTimeProvider(Start);
        var issuer = Issuer(clock);
        var token = issuer.Issue();

        clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        var justBefore = issuer.Validate(token);
        clock.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = issuer.Validate(token);

        Assert.Equal(TokenStatus.Valid, justBefore);
        Assert.Equal(TokenStatus.Expired, atExpiry);
    }

    [Fact]
    public void Issue_AfterExpiry_GivesAFreshTokenThatIsValid()
    {
        var clock = new FakeTimeProvider(Start);
        var issuer = Issuer(clock);
        var first = issuer.Issue();
        clock.Advance(Lifetime + TimeSpan.FromMinutes(1));

        var refreshed = issuer.Issue();

        Assert.NotEqual(first, refreshed);
        Assert.Equal(TokenStatus.Expired, issuer.Validate(first));
        Assert.Equal(TokenStatus.Valid, issuer.Validate(refreshed));
    }

    [Fact]
    public void ExpireAll_ExpiresEveryTokenIssuedSoFar_ButNotTheNextOne()
    {
        var clock = new FakeTimeProvider(Start);
        var issuer = Issuer(clock);
        var first = issuer.Issue();
        var second = issuer.Issue();

        issuer.ExpireAll();
        var next = issuer.Issue();

        Assert.Equal(TokenStatus.Expired, issuer.Validate(first));
        Assert.Equal(TokenStatus.Expired, issuer.Validate(second));
        Assert.Equal(TokenStatus.Valid, issuer.Validate(next));
    }

    [Fact]
    public void Validate_TokenOfAnEarlierIssuerWithTheSameSeedAndSecret_IsHonouredUntilItExpires()
    {
        var clock = new FakeTimeProvider(Start);
        var token = Issuer(clock).Issue();

        var restarted = Issuer(clock);
        var before = restarted.Validate(token);
        clock.Advance(Lifetime);

        Assert.Equal(TokenStatus.Valid, before);
        Assert.Equal(TokenStatus.Expired, restarted.Validate(token));
    }

    [Fact]
    public void ExpireAll_ExpiresTokensOfAnEarlierIssuer_IssuedUpToNow()
    {
        var clock = new FakeTimeProvider(Start);
        var token = Issuer(clock).Issue();
        var restarted = Issuer(clock);
        clock.Advance(TimeSpan.FromSeconds(1));

        restarted.ExpireAll();

        Assert.Equal(TokenStatus.Expired, restarted.Validate(token));
    }

    [Theory]
    [InlineData("other-secret", 0, "acme")]
    [InlineData("acme-secret", 1, "acme")]
    [InlineData("acme-secret", 0, "other-vendor")]
    public void Validate_TokenOfAnotherSecretSeedOrVendor_IsInvalid(string secret, int seed, string vendor)
    {
        var clock = new FakeTimeProvider(Start);
        var token = new TokenIssuer(new TokenSettings(vendor, "acme.", "static", secret), seed, Lifetime, clock).Issue();

        Assert.Equal(TokenStatus.Invalid, Issuer(clock).Validate(token));
    }

    [Fact]
    public void Validate_TokenWithOneCharacterChanged_IsInvalid()
    {
        var issuer = Issuer(new FakeTimeProvider(Start));
        var token = issuer.Issue();
        var tampered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        Assert.Equal(TokenStatus.Invalid, issuer.Validate(tampered));
    }

    [Theory]
    [InlineData("Bearer static", "Valid")]
    [InlineData("bearer static", "Valid")]
    [InlineData("Bearer other", "Invalid")]
    [InlineData("Basic static", "Invalid")]
    [InlineData("", "Invalid")]
    public void Authorize_ReadsTheBearerToken_AndAcceptsTheStaticTokenForEver(string header, string expected)
    {
        var clock = new FakeTimeProvider(Start);
        var issuer = Issuer(clock);
        issuer.ExpireAll();
        clock.Advance(TimeSpan.FromDays(365));

        Assert.Equal(Enum.Parse<TokenStatus>(expected), issuer.Authorize(header));
    }

    [Fact]
    public void Authorize_IssuedBearerToken_FollowsItsExpiry()
    {
        var clock = new FakeTimeProvider(Start);
        var issuer = Issuer(clock);
        var header = "Bearer " + issuer.Issue();

        var valid = issuer.Authorize(header);
        clock.Advance(Lifetime);

        Assert.Equal(TokenStatus.Valid, valid);
        Assert.Equal(TokenStatus.Expired, issuer.Authorize(header));
    }

    private static TokenIssuer Issuer(TimeProvider clock) =>
        new(new TokenSettings("acme", "acme.", "static", "acme-secret"), seed: 0, Lifetime, clock);
}
