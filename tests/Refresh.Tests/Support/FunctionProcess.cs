using ImageCacheFunctions.ImageCaches.Answers;
using System.Globalization;
using System.Net;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Refresh.Tests.Support;

/// <summary>
/// registry-webhook as of-watchdog runs it: <c>dotnet RegistryWebhook.dll</c> with PORT and its
/// settings in the environment, answering HTTP on loopback. Output is kept for failure messages.
/// </summary>
public sealed class FunctionProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private FunctionProcess(ChildProcess process, int port)
    {
        _process = process;
        BaseAddress = ChildProcess.LoopbackAddress(port);
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; } = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public string Output => string.Join(System.Environment.NewLine, _process.Output);

    /// <summary>Starts the function and waits (bounded polling of /_/ready) until it answers.</summary>
    public static async Task<FunctionProcess> StartAsync(IReadOnlyDictionary<string, string?> environment, string secretsDirectory)
    {
        var port = ChildProcess.FreePort();
        var app = Path.Combine(AppContext.BaseDirectory, "RegistryWebhook.dll");
        var variables = new Dictionary<string, string?>
        {
            ["fprocess"] = null,
            ["KUBECONFIG"] = null,
            ["MAX_REQUEST_BODY_BYTES"] = null,
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["FUNCTIONS_TIMER_MODE"] = "connector",
            ["OPENFAAS_SECRETS_DIR"] = secretsDirectory,
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        var function = new FunctionProcess(ChildProcess.StartDotnet(app, variables, AppContext.BaseDirectory), port);
        try
        {
            await function._process.WaitUntilReadyAsync(function.Client, new Uri(function.BaseAddress, "_/ready"), attempts: 600, TimeSpan.FromMilliseconds(100), "registry-webhook", () => function.Output).ConfigureAwait(false);
        }
        catch
        {
            await function.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return function;
    }

    /// <summary>Posts a delivery as <paramref name="source"/> would (credentials, content type).</summary>
    public async Task<(HttpStatusCode Status, WebhookSummary? Summary, HttpResponseMessage Response)> PostAsync(string source, byte[] body, bool forged = false)
    {
        var (query, headers) = Senders.Credentials(source, body, forged);
        var uri = new Uri(BaseAddress, "?" + string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", WebhookHarness.ContentTypeOf(source));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await Client.SendAsync(request).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        WebhookSummary? summary = null;
        if (text.StartsWith('{'))
        {
            summary = System.Text.Json.JsonSerializer.Deserialize<WebhookSummary>(text, ImageCaches.Answers.AnswerJson.Options);
        }

        return (response.StatusCode, summary, response);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync().ConfigureAwait(false);
    }
}
