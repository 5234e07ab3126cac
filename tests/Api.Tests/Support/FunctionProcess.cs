using System.Globalization;
using System.Text.RegularExpressions;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Api.Tests.Support;

/// <summary>
/// The built imagecache-api function run as of-watchdog runs it: <c>dotnet ImageCacheApi.dll</c>
/// with PORT (0: the host picks a free port, read back from its "Listening on" log line),
/// KUBECONFIG and OPENFAAS_SECRETS_DIR (holding function-key) in its environment.
/// </summary>
internal sealed partial class FunctionProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private FunctionProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The process id (to read its memory from /proc).</summary>
    public int Id => _process.Id;

    public IReadOnlyList<string> Output => _process.Output;

    public static async Task<FunctionProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "imagecache-api");
        var app = Path.Combine(directory, "ImageCacheApi.dll");
        var variables = new Dictionary<string, string?>
        {
            ["fprocess"] = null,
            ["FUNCTIONS_TIMER_MODE"] = null,
            ["OPENFAAS_SECRETS_DIR"] = null,
            ["KUBECONFIG"] = null,
            ["KUBERNETES_SERVICE_HOST"] = null,
            ["KUBERNETES_SERVICE_PORT"] = null,
            ["PORT"] = "0",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = ChildProcess.StartDotnet(app, variables, directory, line =>
        {
            var match = ListeningOn().Match(line);
            if (match.Success)
            {
                listening.TrySetResult(new Uri($"http://127.0.0.1:{int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture)}/"));
            }
        });
        _ = process.Exited.ContinueWith(_ => listening.TrySetException(new InvalidOperationException("the function exited: " + string.Join('\n', process.Output))), TaskScheduler.Default);
        return new FunctionProcess(process, await listening.Task.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex(@"Listening on http://127\.0\.0\.1:(?<port>[0-9]+)")]
    private static partial Regex ListeningOn();
}
