using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ImageCacheFunctions.Benchmarks.Webhook;

/// <summary>
/// The local gateway as users run it (<c>dotnet LocalGateway.dll</c>), with only registry-webhook,
/// no cron, on a free loopback port, its embedded Kubernetes and ECI emulators, and a sources file
/// put where stack.yml's <c>Webhook__SourcesFile</c> secret points. The state directory is reused
/// between runs (the function build is then incremental) with the Kubernetes state dropped.
/// </summary>
internal sealed partial class GatewayRun : IWebhookHost
{
    public const string Source = "bench";
    public const string Token = "bench-webhook-token";

    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(15);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    private GatewayRun(Process process, string stateDirectory)
    {
        _process = process;
        StateDirectory = stateDirectory;
    }

    public string StateDirectory { get; }

    public Uri Url { get; private set; } = null!;

    /// <summary>The webhook through the gateway, as a registry would call it.</summary>
    public Uri WebhookUrl => new(Url, $"function/registry-webhook?source={Source}");

    public string Kubeconfig => Path.Combine(StateDirectory, "kubeconfig");

    /// <summary>The function as the gateway built it (Release), once a gateway has run in <paramref name="stateDirectory"/>.</summary>
    public static string FunctionAssembly(string stateDirectory) =>
        Path.Combine(stateDirectory, "functions", "registry-webhook", "RegistryWebhook.dll");

    /// <summary>The sources file (stack.yml's <c>Webhook__SourcesFile</c> secret) with the bench's one source.</summary>
    public static string SourcesFile(string stateDirectory) => Path.Combine(stateDirectory, "secrets", "registry-webhook-sources");

    public static async Task<GatewayRun> StartAsync(string repositoryRoot, string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        File.Delete(Path.Combine(stateDirectory, "kubernetes.json"));
        var secrets = Path.Combine(stateDirectory, "secrets");
        Directory.CreateDirectory(secrets);
        await File.WriteAllTextAsync(Path.Combine(secrets, "bench-token"), Token).ConfigureAwait(false);
        await File.WriteAllTextAsync(SourcesFile(stateDirectory), $$"""
            sources:
              {{Source}}:
                type: cloudevents
                auth: { type: bearer, secretFile: bench-token }
            """).ConfigureAwait(false);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "LocalGateway.dll"),
            "--stack", Path.Combine(repositoryRoot, "stack.yml"),
            "--state-dir", stateDirectory,
            "--port", "0",
            "--no-cron",
            "--functions", "registry-webhook",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var run = new GatewayRun(process, stateDirectory);
        process.OutputDataReceived += (_, e) => run.Add(e.Data);
        process.ErrorDataReceived += (_, e) => run.Add(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            string[] lines;
            lock (run._gate)
            {
                lines = [.. run._lines];
            }

            if (lines.Any(l => l.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal)))
            {
                run.Url = new Uri(GatewayLine().Match(lines.Last(l => GatewayLine().IsMatch(l))).Groups["url"].Value);
                return run;
            }

            if (process.HasExited || deadline.Elapsed > StartBound)
            {
                await run.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"the gateway did not start:{Environment.NewLine}{string.Join(Environment.NewLine, lines.TakeLast(40))}");
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    /// <summary>The repository (stack.yml) from the working directory upwards.</summary>
    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "stack.yml")) && Directory.Exists(Path.Combine(directory.FullName, "functions")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmark from the repository (no stack.yml found upwards from the working directory)");
    }

    [GeneratedRegex(@"^\s+gateway (?<url>http://\S+)")]
    private static partial Regex GatewayLine();

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_gate)
            {
                _lines.Add(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first: the gateway stops its function processes before it exits.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync().ConfigureAwait(false);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
