using System.Net;
using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Reconcile.Tests.Support;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Reconcile.Tests;

/// <summary>The reconcile-status function as OpenFaaS runs it: its own process, driven over HTTP.</summary>
public sealed class FunctionProcessTests
{
    [Fact]
    public async Task The_function_process_reconciles_over_http_and_on_the_cron_connectors_call()
    {
        await using var h = await ReconcileHarness.StartAsync(liveClock: true);
        await h.CreateSampleSecretsAsync();
        await h.CreateSampleAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        await using var function = await FunctionProcess.StartAsync(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reconcile-status.path")).Trim(),
            new Dictionary<string, string?>
            {
                // As OpenFaaS configures it: settings in the environment, the access key as secrets.
                ["KUBECONFIG"] = h.KubeconfigPath,
                ["Eci:RegionId"] = ReconcileHarness.RegionId,
                ["Eci:Endpoint"] = h.Eci.BaseUri.ToString(),
                ["Eci:AllowInsecureHttp"] = "true",
                ["Eci:VSwitchId"] = ReconcileHarness.VSwitchId,
                ["Eci:SecurityGroupId"] = ReconcileHarness.SecurityGroupId,
            },
            secrets: new Dictionary<string, string>
            {
                ["alibaba-cloud-access-key-id"] = Emulators.Eci.EmulatorTestCredentials.AccessKeyId,
                ["alibaba-cloud-access-key-secret"] = Emulators.Eci.EmulatorTestCredentials.AccessKeySecret,
            });

        using (var anonymous = await http.PostAsync(function.BaseAddress, null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        Assert.Equal(0, h.EciCalls("DescribeImageCaches"));

        using (var bad = await SendAsync(http, function, "?name=Not_A_Name"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("name must be", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var pass = await SendAsync(http, function, ""))
        {
            var body = await pass.Content.ReadAsStringAsync();
            Assert.True(pass.StatusCode == HttpStatusCode.OK, body + "\n" + function.Output);
            using var report = JsonDocument.Parse(body);
            Assert.Equal(1, report.RootElement.GetProperty("objectsSeen").GetInt32());
            Assert.Equal(1, report.RootElement.GetProperty("created").GetInt32());
            Assert.True(report.RootElement.GetProperty("completed").GetBoolean());
            Assert.Equal("created", report.RootElement.GetProperty("results")[0].GetProperty("outcome").GetString());
        }

        Assert.StartsWith("imc-", (await h.GetAsync("imagecache-sample")).Status!.ImageCacheId);

        h.Eci.Clock.Advance(ReconcileHarness.BuildTime);
        using (var cron = new HttpRequestMessage(HttpMethod.Post, function.BaseAddress))
        {
            cron.Headers.Add("X-Connector", "cron-connector");
            cron.Headers.Add("X-Topic", "cron-function");
            cron.Headers.Add("x-functions-key", FunctionProcess.FunctionKey);
            using var answer = await http.SendAsync(cron);
            var body = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.OK, body + "\n" + function.Output);
            Assert.Contains("succeeded", body, StringComparison.Ordinal);
        }

        var ready = (await h.GetAsync("imagecache-sample")).Status!;
        Assert.Equal(ImageCachePhase.Ready, ready.Phase);
        Assert.Equal("100%", ready.Progress);

        using (var one = await SendAsync(http, function, "?name=imagecache-sample"))
        {
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            using var report = JsonDocument.Parse(await one.Content.ReadAsStringAsync());
            Assert.Equal(1, report.RootElement.GetProperty("unchanged").GetInt32());
            var result = report.RootElement.GetProperty("results")[0];
            Assert.Equal("unchanged", result.GetProperty("outcome").GetString());
            Assert.Equal("Ready", result.GetProperty("phase").GetString());
        }

        using (var missing = await SendAsync(http, function, "?name=nobody"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, FunctionProcess function, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(function.BaseAddress, query));
        request.Headers.Add("x-functions-key", FunctionProcess.FunctionKey);
        return http.SendAsync(request);
    }
}
