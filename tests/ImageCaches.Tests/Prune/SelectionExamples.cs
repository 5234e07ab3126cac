using ImageCacheFunctions.ImageCaches.Prune;

namespace ImageCacheFunctions.ImageCaches.Tests.Prune;

/// <summary>The rules, one readable case each.</summary>
public sealed class SelectionExamples
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly PruneRules Rules = new();

    [Fact]
    public void When_ECI_has_not_said_the_expiry_is_creation_time_plus_retentionDays()
    {
        var created = Now - TimeSpan.FromDays(7) - Rules.ClockSkewMargin;
        var member = Member(Cache(created: created, expire: null), Object(retentionDays: 7));

        Assert.Equal(created.AddDays(7), PruneSelector.ExpiryOf(member, Rules));
        Assert.Equal(PrunePolicy.Expired, Verdict(member).Policy);
        Assert.Equal(PruneVerdictKind.Keep, Verdict(member, Now - TimeSpan.FromSeconds(1)).Kind);
    }

    [Fact]
    public void ECIs_expiry_wins_over_retentionDays()
    {
        // retentionDays says long gone; ECI says tomorrow (an update extended it).
        var member = Member(Cache(created: Now - TimeSpan.FromDays(30), expire: Now.AddDays(1)), Object(retentionDays: 7));
        Assert.Equal(PruneVerdictKind.Keep, Verdict(member).Kind);
    }

    [Fact]
    public void A_failed_cache_is_due_24_hours_after_its_failure_and_only_under_the_failed_policy()
    {
        var failedAt = Now - TimeSpan.FromHours(24) - Rules.ClockSkewMargin;
        var member = Member(Cache(status: "Failed", created: failedAt - TimeSpan.FromMinutes(1), expire: failedAt + TimeSpan.FromHours(24)), Object(retentionDays: 7));

        Assert.Equal((PruneVerdictKind.Prune, PrunePolicy.Failed), (Verdict(member).Kind, Verdict(member).Policy));
        Assert.Equal(PruneVerdictKind.Keep, Verdict(member, rules: Rules with { Policies = new HashSet<PrunePolicy> { PrunePolicy.Expired } }).Kind);
    }

    [Fact]
    public void A_future_expiry_vetoes_every_policy()
    {
        // An orphan past its grace period, but ECI says it lives until tomorrow.
        var member = new FleetMember(null, Cache(created: Now - TimeSpan.FromDays(3), expire: Now.AddDays(1)));
        var verdict = Verdict(member);
        Assert.Equal((PruneVerdictKind.Skip, PruneSkipReasons.ExpiryInFuture), (verdict.Kind, verdict.Reason));
    }

    [Theory]
    [InlineData(null, UnusedPreferenceKind.Unset, null)]
    [InlineData("true", UnusedPreferenceKind.OptedIn, null)]
    [InlineData(" 14 ", UnusedPreferenceKind.OptedIn, 14)]
    [InlineData("FALSE", UnusedPreferenceKind.OptedOut, null)]
    [InlineData("0", UnusedPreferenceKind.Invalid, null)]
    [InlineData("-3", UnusedPreferenceKind.Invalid, null)]
    [InlineData("soon", UnusedPreferenceKind.Invalid, null)]
    public void The_unused_annotation_is_read_strictly(string? value, UnusedPreferenceKind kind, int? days) =>
        Assert.Equal(new UnusedPreference(kind, days), UnusedPreference.Parse(value));

    [Theory]
    [InlineData("true", true)]
    [InlineData("", true)]
    [InlineData("yes please", true)]
    [InlineData("false", false)]
    [InlineData(null, false)]
    public void The_protect_annotation_protects_unless_it_says_false(string? value, bool expected) =>
        Assert.Equal(expected, PruneAnnotations.IsProtected(value));

    private static PruneVerdict Verdict(FleetMember member, DateTimeOffset? now = null, PruneRules? rules = null) =>
        PruneSelector.Evaluate(member, rules ?? Rules, now ?? Now);

    private static FleetMember Member(EciCacheState cache, ImageCacheObjectState obj) => new(obj, cache);

    private static EciCacheState Cache(string status = "Ready", DateTimeOffset? created = null, DateTimeOffset? expire = null) =>
        new("imc-1", "cache", status, 20, created, expire, null, null, IsManaged: true, "gone", "uid-gone");

    private static ImageCacheObjectState Object(int? retentionDays) =>
        new("obj", "uid-1", false, false, UnusedPreference.Unset, retentionDays, 20, "imc-1", null, null, null, null);
}
