using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Registries;
using ImageCacheFunctions.Registries.Tests.Support;

namespace ImageCacheFunctions.Registries.Tests;

/// <summary>
/// Hostile input to every adapter, authenticated so it reaches the parsing: random bytes,
/// truncated samples, samples with a field replaced by a wrong type or a huge string. The
/// answer is always a 4xx or an accepted outcome of valid events; never an exception, never
/// the receiver's internal-error safety net.
/// </summary>
// A fixed seed: every run checks the same cases, and a failure prints "(seed,gamma)" to replay.
[Properties(Replay = "4730188513870541217,1206874541958127405")]
public sealed class FuzzProperties : IDisposable
{
    private static readonly string[] SourceNames =
        ["acr", "harbor", "hub", "distribution", "ghcr", "quay", "azure-acr", "eventgrid", "ecr", "gar", "jfrog", "cloudevents"];

    private static readonly string[] ContentTypes =
        ["application/json", "application/cloudevents+json", "application/cloudevents-batch+json", "application/vnd.docker.distribution.events.v1+json", "text/plain", string.Empty];

    private readonly TestSources sources = new();

    public void Dispose() => sources.Dispose();

    private static void AssertSafe(WebhookOutcome outcome)
    {
        Assert.False(outcome.Message?.StartsWith(WebhookReceiver.InternalErrorPrefix, StringComparison.Ordinal) == true, outcome.Message);
        Assert.InRange(outcome.StatusCode, 200, 499);
        if (outcome.StatusCode >= 400)
        {
            Assert.Empty(outcome.Events);
        }

        foreach (var pushed in outcome.Events)
        {
            // Every event that comes out is a valid, re-parseable reference.
            Assert.Equal(pushed.Image, ImageReference.Parse(pushed.Image.ToString()));
            Assert.True(pushed.Tag is not null || pushed.Digest is not null);
            Assert.True(pushed.ToCloudEvent().IsValid);
        }
    }

    [Property(MaxTest = 300)]
    public void Random_bytes_get_a_4xx(byte[] body, PositiveInt sourceSeed, PositiveInt typeSeed, bool named, bool binaryCloudEvent)
    {
        var source = SourceNames[sourceSeed.Get % SourceNames.Length];
        var headers = binaryCloudEvent
            ? new Dictionary<string, string> { ["ce-specversion"] = "1.0", ["ce-id"] = "x", ["ce-source"] = "/x", ["ce-type"] = "t" }
            : null;
        var outcome = sources.Post(source, body ?? [], ContentTypes[typeSeed.Get % ContentTypes.Length], headers, named);

        AssertSafe(outcome);
        Assert.InRange(outcome.StatusCode, 400, 499);
    }

    [Property(MaxTest = 300)]
    public void Truncated_samples_get_a_4xx(PositiveInt sampleSeed, PositiveInt cut, bool named)
    {
        var sample = Payloads.All[sampleSeed.Get % Payloads.All.Length];
        var (source, contentType) = Payloads.SenderOf(sample);
        var bytes = Payloads.Bytes(sample);
        var length = cut.Get % Math.Max(1, bytes.Length - 2);
        var outcome = sources.Post(source, bytes[..length], contentType, Payloads.SenderHeaders(sample), named);

        AssertSafe(outcome);
        Assert.InRange(outcome.StatusCode, 400, 499);
    }

    private static readonly Func<JsonNode?>[] Replacements =
    [
        () => null,
        () => JsonValue.Create(42),
        () => JsonValue.Create(-1.5e300),
        () => JsonValue.Create(true),
        () => JsonValue.Create(string.Empty),
        () => JsonValue.Create(new string('a', 200_000)),
        () => JsonValue.Create("sha256:" + new string('f', 64)),
        () => JsonValue.Create("\u0000\ud83d\ude00 \"quoted\" <tag> %ZZ"),
        () => JsonValue.Create("UPPER/Case:Tag@md5:1"),
        () => new JsonArray(JsonValue.Create(1), null, new JsonObject()),
        () => new JsonObject { ["nested"] = new JsonArray() },
        () => JsonValue.Create("1417566161"),
        () => JsonValue.Create(long.MaxValue),
    ];

    [Property(MaxTest = 600)]
    public void Samples_with_a_field_of_the_wrong_type_never_break_the_receiver(PositiveInt sampleSeed, PositiveInt fieldSeed, PositiveInt replacementSeed, bool named)
    {
        var sample = Payloads.All[sampleSeed.Get % Payloads.All.Length];
        var (source, contentType) = Payloads.SenderOf(sample);
        var root = JsonNode.Parse(Payloads.Text(sample))!;
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[fieldSeed.Get % nodes.Count];
        var replacement = Replacements[replacementSeed.Get % Replacements.Length]();
        if (target.Parent is JsonObject parent)
        {
            parent[target.GetPropertyName()] = replacement;
        }
        else if (target.Parent is JsonArray array)
        {
            array[target.GetElementIndex()] = replacement;
        }
        else
        {
            root = replacement ?? JsonValue.Create(0);
        }

        var body = Encoding.UTF8.GetBytes(root?.ToJsonString() ?? "null");
        AssertSafe(sources.Post(source, body, contentType, Payloads.SenderHeaders(sample), named));
    }

    [Property(MaxTest = 200)]
    public void Samples_with_random_bytes_spliced_in_never_break_the_receiver(PositiveInt sampleSeed, PositiveInt offset, byte[] noise)
    {
        var sample = Payloads.All[sampleSeed.Get % Payloads.All.Length];
        var (source, contentType) = Payloads.SenderOf(sample);
        var bytes = Payloads.Bytes(sample);
        var at = offset.Get % bytes.Length;
        var body = bytes[..at].Concat(noise ?? []).Concat(bytes[at..]).ToArray();

        AssertSafe(sources.Post(source, body, contentType, Payloads.SenderHeaders(sample)));
    }

    [Property(MaxTest = 200)]
    public void Arbitrary_header_values_never_break_the_receiver(string? value, PositiveInt headerSeed, PositiveInt sourceSeed)
    {
        string[] headers = ["Content-Type", "ce-specversion", "ce-id", "ce-time", "X-GitHub-Event", "aeg-event-type", "Authorization", "X-Hub-Signature-256", "X-JFrog-Event-Auth", "WebHook-Request-Origin"];
        var source = SourceNames[sourceSeed.Get % SourceNames.Length];
        var header = headers[headerSeed.Get % headers.Length];
        var extra = new Dictionary<string, string> { [header] = value ?? string.Empty };
        if (header != "Content-Type")
        {
            extra["ce-specversion"] = "1.0";
        }

        AssertSafe(sources.Post(source, Payloads.Bytes("harbor-push-cloudevents.json"), "application/json", extra, named: sourceSeed.Get % 2 == 0));
    }

    [Fact]
    public void Deeply_nested_json_is_a_4xx()
    {
        var body = Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000));
        foreach (var source in SourceNames)
        {
            var outcome = sources.Post(source, body);
            AssertSafe(outcome);
            Assert.Equal(400, outcome.StatusCode);
        }
    }

    [Fact]
    public void Huge_strings_inside_the_limit_are_refused_with_short_messages()
    {
        var huge = new string('a', 400_000);
        var body = Encoding.UTF8.GetBytes($$"""{"docker_url":"quay.io/{{huge}}","repository":"x","updated_tags":["{{huge}}"]}""");
        var outcome = sources.Post("quay", body);

        AssertSafe(outcome);
        Assert.Equal(400, outcome.StatusCode);
        Assert.True(outcome.Message!.Length < 1000);
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
        }
    }
}
