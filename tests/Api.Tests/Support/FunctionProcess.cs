using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ImageCacheFunctions.Api.Tests.Support;

/// <summary>
/// The built imagecache-api function run as of-watchdog runs it: <c>dotnet ImageCacheApi.dll</c>
/// with PORT (0: the host picks a free port, read back from its "Listening on" log line),
/// KUBECONFIG and OPENFAAS_SECRETS_DIR (holding function-key) in its environment.
/// </summary>
internal sealed partial class FunctionProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FunctionProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    public static async Task<FunctionProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "imagecache-api");
        var app = Path.Combine(directory, "ImageCacheApi.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app },
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in new[] { "PORT", "fprocess", "FUNCTIONS_TIMER_MODE", "OPENFAAS_SECRETS_DIR", "KUBECONFIG", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT" })
        {
            start.Environment.Remove(key);
        }

        start.Environment["PORT"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var function = new FunctionProcess(process);
        process.OutputDataReceived += (_, e) => function.Add(e.Data);
        process.ErrorDataReceived += (_, e) => function.Add(e.Data);
        process.Exited += (_, _) => function._listening.TrySetException(new InvalidOperationException("the function exited: " + string.Join('\n', function.Output)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        function.BaseAddress = await function._listening.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return function;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        var match = ListeningOn().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(new Uri($"http://127.0.0.1:{int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture)}/"));
        }
    }

    [GeneratedRegex(@"Listening on http://127\.0\.0\.1:(?<port>[0-9]+)")]
    private static partial Regex ListeningOn();
}
