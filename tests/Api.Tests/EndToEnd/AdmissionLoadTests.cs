using System.Diagnostics;
using System.Globalization;
using System.Net;
using ImageCacheFunctions.Api.Tests.Emulated;
using ImageCacheFunctions.Api.Tests.Support;
using ImageCacheFunctions.Tests.Support;
using ImageCacheFunctions.ImageCaches.Operations.Api;

namespace ImageCacheFunctions.Api.Tests.EndToEnd;

/// <summary>
/// Issue 12, "Done when": 6 clients send the worst admission reviews (each as large as the
/// stack's 3 MiB body limit allows) to the function process on loopback, and its peak resident
/// memory (VmHWM) must stay under 300 MB (240 MB measured, docs/security.md). Run on demand
/// (<c>tools/admission-load.sh</c>, <c>ADMISSION_LOAD_SECONDS</c>; <c>ADMISSION_LOAD_ONLY=i</c>
/// sends only review i; <c>ADMISSION_LOAD_DOTNET_X=v</c> gives the function <c>DOTNET_X=v</c>,
/// to measure GC settings): a minute of load does not belong in the suite, whose regular guard
/// is <see cref="Emulated.HostileAdmissionTests"/>' allocation bound. Memory, not time, is asserted.
/// </summary>
public sealed class AdmissionLoadTests
{
    public const long RssLimitBytes = 300L * 1000 * 1000;
    private const int Clients = 6;
    private const int RequestsPerClientInSuite = 4;
    private const string RuntimeSettingPrefix = "ADMISSION_LOAD_DOTNET_";
    private const int BodyLimit = AdmissionAnswers.MaxReviewBytes;

    [LoadFact]
    public async Task Six_clients_sending_the_worst_reviews_keep_the_process_under_300_MB()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // VmHWM is read from /proc.
        }

        var seconds = int.TryParse(Environment.GetEnvironmentVariable(LoadFactAttribute.SecondsVariable), CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s, 0, 600) : 0;
        await using var harness = await ApiHarness.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(harness.Directory, "function-key"), "load-test-key");
        var environment = new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = harness.KubeconfigPath,
            ["MAX_REQUEST_BODY_BYTES"] = BodyLimit.ToString(CultureInfo.InvariantCulture),
        };
        // ADMISSION_LOAD_DOTNET_GCgen0size=... reaches the function (only) as DOTNET_GCgen0size: GC settings are measured, not guessed.
        foreach (var (key, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(e => ((string)e.Key, (string?)e.Value)))
        {
            if (key.StartsWith(RuntimeSettingPrefix, StringComparison.Ordinal) && value is not null)
            {
                environment["DOTNET_" + key[RuntimeSettingPrefix.Length..]] = value;
            }
        }

        await using var function = await FunctionProcess.StartAsync(ApiHarness.FunctionApp, secretsDirectory: harness.Directory, configuration: environment);
        var reviews = WorstReviews.UpTo(BodyLimit);
        if (Environment.GetEnvironmentVariable("ADMISSION_LOAD_ONLY") is { } only)
        {
            reviews = [reviews[int.Parse(only, CultureInfo.InvariantCulture)]];
        }
        using var http = new HttpClient { BaseAddress = function.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var deadline = Stopwatch.StartNew();
        var sent = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (var i = 0; seconds > 0 ? deadline.Elapsed < TimeSpan.FromSeconds(seconds) : i < RequestsPerClientInSuite; i++)
            {
                var (route, body) = reviews[(client + i) % reviews.Count];
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var response = await http.PostAsync(new Uri(route, UriKind.Relative), content);
                statuses.Add(response.StatusCode);
                Interlocked.Increment(ref sent);
            }
        })));

        var peak = PeakResidentBytes(function.Id);
        var summary = $"{sent} reviews in {deadline.Elapsed.TotalSeconds:F0} s, peak RSS {peak / 1_000_000} MB";
        Console.WriteLine("admission load: " + summary);
        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{status}: {summary}"));
        Assert.True(peak < RssLimitBytes, summary);
    }

    /// <summary>VmHWM: the most resident memory the process has had since it started.</summary>
    private static long PeakResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }
}

/// <summary>A load run: only when <see cref="SecondsVariable"/> is set (0: a short bounded run of 4 reviews per client).</summary>
public sealed class LoadFactAttribute : FactAttribute
{
    public const string SecondsVariable = "ADMISSION_LOAD_SECONDS";

    public LoadFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(SecondsVariable) is null)
        {
            Skip = $"a load run: set {SecondsVariable} (tools/admission-load.sh)";
        }
    }
}
