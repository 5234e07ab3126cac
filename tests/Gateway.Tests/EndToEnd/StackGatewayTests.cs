using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImageCacheFunctions.LocalGateway.Cron;
using ImageCacheFunctions.LocalGateway.Hosting;
using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageCacheFunctions.LocalGateway.Tests.EndToEnd;

/// <summary>
/// The README's main command on the repository's own stack.yml: every function in its own
/// process behind the gateway, with the embedded Kubernetes and ECI emulators.
/// </summary>
[Collection(SlowProcesses.Name)]
public sealed partial class StackGatewayTests(StackBuild build)
{
    [GeneratedRegex(@"^\s+kubernetes emulator (?<url>http://\S+)")]
    internal static partial Regex KubernetesLine();

    [Fact]
    public async Task Runs_every_stack_function_in_its_own_process_with_the_embedded_backends()
    {
        var names = build.Stack.Functions.Select(f => f.Name).ToList();
        WriteUserSecrets(Path.Combine(build.StateDirectory, "secrets"));
        await using var gateway = (await GatewayProcess.StartReadyAsync(
            "--stack", Repository.StackFile, "--state-dir", build.StateDirectory, "--port", "0", "--no-cron")).Gateway;
        var pids = gateway.CurrentPids();

        // Listed exactly as in stack.yml.
        using (var response = await gateway.Client.GetAsync(new Uri(gateway.Url, "/system/functions")))
        {
            var listed = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
            Assert.Equal(names, listed.Select(f => f!["name"]!.GetValue<string>()));
            Assert.True(
                listed.All(f => f!["availableReplicas"]!.GetValue<int>() == 1),
                $"not every function is ready:{Environment.NewLine}{gateway.Output}");
        }

        // Each answers through the gateway (the host only knows /_/ready: the prefix was stripped)
        // from its own process, a child of the gateway running that function's build.
        Assert.Equal(names.Count, pids.Values.Distinct().Count());
        foreach (var name in names)
        {
            using var ready = await gateway.Client.GetAsync(new Uri(gateway.Url, $"/function/{name}/_/ready"));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(gateway.Pid, ProcessTable.ParentOf(pids[name]));
            Assert.Contains(Path.GetFileName((await build.GetAsync(name)).AssemblyPath), ProcessTable.CommandLine(pids[name]), StringComparison.Ordinal);
        }

        using (var unknown = await gateway.Client.GetAsync(new Uri(gateway.Url, "/function/not-in-the-stack")))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // A scheduled function answers the cron-connector's call through the gateway.
        var scheduled = build.Stack.Functions.FirstOrDefault(f => f.Schedule is not null);
        if (scheduled is not null)
        {
            var address = new GatewayAddress();
            address.Set(gateway.Url);
            using var client = new HttpClient();
            Assert.Equal(200, await new CronInvoker(client, address, new CronKey(Path.Combine(build.StateDirectory, "secrets")), NullLogger<CronInvoker>.Instance).InvokeAsync(scheduled.Name, CancellationToken.None));
        }

        // The Kubernetes emulator serves the ImageCache CRD from deploy/crd, and kubectl can find it.
        var kubernetes = new Uri(KubernetesLine().Match(gateway.Lines.First(l => KubernetesLine().IsMatch(l))).Groups["url"].Value);
        using (var imageCaches = await gateway.Client.GetAsync(new Uri(kubernetes, "/apis/eci.alibabacloud.com/v1/imagecaches")))
        {
            Assert.Equal(HttpStatusCode.OK, imageCaches.StatusCode);
        }

        var kubeconfig = await File.ReadAllTextAsync(Path.Combine(build.StateDirectory, "kubeconfig"));
        Assert.Contains($"server: {kubernetes.GetLeftPart(UriPartial.Authority)}", kubeconfig, StringComparison.Ordinal);

        // A killed function comes back; the others are untouched.
        var victim = names[0];
        var printed = gateway.Lines.Count;
        using (var process = System.Diagnostics.Process.GetProcessById(pids[victim]))
        {
            process.Kill();
        }

        var restarted = await gateway.WaitForRestartAsync(victim, printed);
        using (var again = await gateway.Client.GetAsync(new Uri(gateway.Url, $"/function/{victim}/_/ready")))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.Equal(0, await gateway.StopAsync());
        foreach (var pid in pids.Values.Append(restarted))
        {
            Assert.False(ProcessTable.IsAlive(pid), $"pid {pid} ({ProcessTable.CommandLine(pid)}) outlived the gateway");
        }

        Assert.True(File.Exists(Path.Combine(build.StateDirectory, "kubernetes.json")), "the Kubernetes emulator's state was not persisted");
    }

    // What a user creates before the first run (docs/registry-sources.md): the gateway writes
    // only the keys it owns and the emulator's test key.
    internal static void WriteUserSecrets(string secrets)
    {
        Directory.CreateDirectory(secrets);
        File.WriteAllText(Path.Combine(secrets, "gateway-test-token"), "gateway-test-token-value");
        File.WriteAllText(Path.Combine(secrets, "registry-webhook-sources"), """
            sources:
              gateway-test:
                type: cloudevents
                auth: { type: bearer, secretFile: gateway-test-token }
            """);
    }
}
