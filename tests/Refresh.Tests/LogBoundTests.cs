using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.ImageCaches.Registries;
using ImageCacheFunctions.Refresh.Tests.Support;
using ImageCacheFunctions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.Refresh.Tests;

/// <summary>
/// Issue 12 item 6 for registry-webhook: whatever a delivery holds (a megabyte in any field the
/// adapters read, a megabyte source name), every log line it causes stays short.
/// </summary>
public sealed class LogBoundTests : IAsyncLifetime
{
    private const int MaxLine = 4096;
    private static readonly string Huge = new('z', 900 * 1024);

    private readonly LineRecorder _lines = new();
    private WebhookHarness _harness = null!;
    private ServiceProvider _replica = null!;

    public async Task InitializeAsync()
    {
        _harness = await WebhookHarness.StartAsync(new Dictionary<string, string?> { ["Webhook:MaxBodyBytes"] = (2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _replica = _harness.AddReplica(configure: services => services.AddLogging(b => b.AddProvider(_lines).SetMinimumLevel(LogLevel.Debug)));
        await _harness.CreateReadyCacheAsync("app", "registry.example.com/team/app:v1");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    public static TheoryData<string> Deliveries() => new()
    {
        "image", "id", "digest", "tag", "source-name",
    };

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task A_megabyte_anywhere_in_a_delivery_writes_short_log_lines(string where)
    {
        var image = where switch
        {
            "image" => "registry.example.com/team/" + Huge,
            "tag" => "registry.example.com/team/app:" + Huge,
            _ => "registry.example.com/team/app:v1",
        };
        var body = JsonNode.Parse(Senders.CloudEvent(image, where == "id" ? Huge : "e-1", where == "digest" ? "sha256:" + Huge : Senders.Digest("log")))!;
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var (query, headers) = Support.Deliveries.Request("ci", bytes);
        headers["Content-Type"] = "application/cloudevents+json";
        if (where == "source-name")
        {
            query["source"] = Huge;
        }

        _lines.Lines.Clear();
        var response = await _replica.GetRequiredService<RegistryWebhookProcessor>()
            .ProcessAsync(WebhookRequest.Create("POST", query, headers, bytes), CancellationToken.None);

        Assert.InRange(response.StatusCode, 200, 499);
        Assert.NotEmpty(_lines.Lines);
        Assert.All(_lines.Lines, line => Assert.True(line.Length < MaxLine, $"a log line of {line.Length} characters: {line[..Math.Min(line.Length, 200)]}"));
    }

    [Fact]
    public async Task A_batch_of_a_thousand_ignored_pushes_is_a_few_log_lines_not_a_thousand()
    {
        var events = new JsonArray();
        foreach (var i in Enumerable.Range(0, 1000))
        {
            events.Add(JsonNode.Parse(Senders.CloudEvent($"registry.example.com/nobody/app-{i}:v1", $"n-{i}", Senders.Digest("n"))));
        }

        var bytes = Encoding.UTF8.GetBytes(events.ToJsonString());
        var (query, headers) = Support.Deliveries.Request("ci", bytes);
        headers["Content-Type"] = "application/cloudevents-batch+json";
        _lines.Lines.Clear();

        var response = await _replica.GetRequiredService<RegistryWebhookProcessor>()
            .ProcessAsync(WebhookRequest.Create("POST", query, headers, bytes), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1000, Assert.IsType<WebhookSummary>(response.Body).Ignored.Count);
        Assert.InRange(_lines.Lines.Count(l => l.Contains("ignored", StringComparison.Ordinal)), 1, 30);
        Assert.Contains(_lines.Lines, l => l.Contains("980 more pushes", StringComparison.Ordinal));
    }

    private sealed class LineRecorder : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            Lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        }

        public void Dispose()
        {
        }
    }
}
