using System.Web;
using ImageCacheFunctions.ImageCaches.Operations.Prune;
using ImageCacheFunctions.ImageCaches.Prune;

namespace ImageCacheFunctions.Prune.Tests.Operations;

public sealed class PruneQueryTests
{
    [Theory]
    [InlineData("", null, null)]
    [InlineData("?dryRun=true", true, null)]
    [InlineData("?dryrun=FALSE", false, null)]
    [InlineData("?dryRun=1", true, null)]
    [InlineData("?dryRun=0", false, null)]
    [InlineData("?dryRun", true, null)]
    [InlineData("?dryRun=", true, null)]
    [InlineData("?policy=expired", null, "expired")]
    [InlineData("?policy=Expired,%20failed,,orphan&dryRun=true", true, "orphan,failed,expired")]
    [InlineData("?policy=unused", null, "unused")]
    public void Accepts(string query, bool? dryRun, string? policies)
    {
        Assert.True(PruneQuery.TryParse(HttpUtility.ParseQueryString(query), out var request, out var error), error);
        Assert.Equal(dryRun, request.DryRun);
        Assert.Equal(
            policies?.Split(',').Select(p => Enum.Parse<PrunePolicy>(p, ignoreCase: true)).Order().ToList(),
            request.Policies?.Order().ToList());
    }

    [Theory]
    [InlineData("?policy=bogus", "unknown prune policy 'bogus'")]
    [InlineData("?policy=expired,nope", "unknown prune policy 'nope'")]
    [InlineData("?policy=", "no prune policy given")]
    [InlineData("?policy=,", "no prune policy given")]
    [InlineData("?policy=expired&policy=failed", "given 2 times")]
    [InlineData("?dryRun=yes", "must be true or false")]
    [InlineData("?dryRun=true&dryRun=true", "given 2 times")]
    [InlineData("?dryRun=true&all=1", "unknown query parameter 'all'")]
    [InlineData("?force", "unknown query parameter 'force'")]
    public void Refuses_with_a_message_that_says_what_was_wrong(string query, string message)
    {
        Assert.False(PruneQuery.TryParse(HttpUtility.ParseQueryString(query), out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Echoes_at_most_a_short_printable_prefix_of_the_input()
    {
        var hostile = new string('x', 500) + "\u0007";
        Assert.False(PruneQuery.TryParse(HttpUtility.ParseQueryString("?policy=" + hostile), out _, out var error));
        Assert.True(error!.Length < 200);
        Assert.DoesNotContain('\u0007', error);
    }
}
