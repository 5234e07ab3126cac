using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ImageCacheFunctions.ImageCaches.Operations.Refresh;

namespace ImageCacheFunctions.Webhook.Tests.Support;

/// <summary>
/// registry-webhook as of-watchdog runs it: <c>dotnet RegistryWebhook.dll</c> with PORT and its
/// settings in the environment, answering HTTP on loopback. Output is kept for failure messages.
/// </summary>
public sealed class FunctionProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Lock _gate = new();

    private FunctionProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; } = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join(System.Environment.NewLine, _output);
            }
        }
    }

    /// <summary>Starts the function and waits (bounded polling of /_/ready) until it answers.</summary>
    public static async Task<FunctionProcess> StartAsync(IReadOnlyDictionary<string, string?> environment, string secretsDirectory)
    {
        var port = FreePort();
        var app = Path.Combine(AppContext.BaseDirectory, "RegistryWebhook.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in new[] { "PORT", "fprocess", "FUNCTIONS_TIMER_MODE", "OPENFAAS_SECRETS_DIR", "KUBECONFIG", "MAX_REQUEST_BODY_BYTES" })
        {
            start.Environment.Remove(key);
        }

        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_TIMER_MODE"] = "connector";
        start.Environment["OPENFAAS_SECRETS_DIR"] = secretsDirectory;
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start };
        var function = new FunctionProcess(process, port);
        process.OutputDataReceived += (_, e) => function.Add(e.Data);
        process.ErrorDataReceived += (_, e) => function.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await function.WaitUntilReadyAsync().ConfigureAwait(false);
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
            summary = WebhookSummary.Parse(text);
        }

        return (response.StatusCode, summary, response);
    }

    private async Task WaitUntilReadyAsync()
    {
        const int attempts = 600;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (_process.HasExited)
            {
                // Also waits for the redirected output to be read to its end.
                await _process.WaitForExitAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"registry-webhook exited with {_process.ExitCode}:{System.Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri(BaseAddress, "_/ready")).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException($"registry-webhook was not ready after {attempts} polls:{System.Environment.NewLine}{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Add(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }
}
