using System.Diagnostics;
using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.EndToEnd;

/// <summary>Function processes are restarted when they die and never outlive the gateway.</summary>
[Collection(SlowProcesses.Name)]
public sealed class LifecycleTests(EchoState state)
{
    [Fact]
    public async Task A_killed_function_process_is_restarted_and_sigterm_stops_every_process()
    {
        await using var gateway = await StartAsync();
        var pids = gateway.CurrentPids();
        var printed = gateway.Lines.Count;

        using (var victim = Process.GetProcessById(pids[EchoStack.First]))
        {
            victim.Kill();
        }

        var restarted = await gateway.WaitForRestartAsync(EchoStack.First, printed);
        Assert.NotEqual(pids[EchoStack.First], restarted);
        using (var response = await gateway.Client.GetAsync(new Uri(gateway.Url, $"/function/{EchoStack.First}/again")))
        {
            Assert.Equal(restarted, (await EchoResponse.ReadAsync(response)).Pid);
        }

        using (var response = await gateway.Client.GetAsync(new Uri(gateway.Url, $"/function/{EchoStack.Second}")))
        {
            Assert.Equal(pids[EchoStack.Second], (await EchoResponse.ReadAsync(response)).Pid);
        }

        Assert.Equal(0, await gateway.StopAsync());
        Assert.False(ProcessTable.IsAlive(restarted), $"{EchoStack.First} (pid {restarted}) outlived the gateway");
        Assert.False(ProcessTable.IsAlive(pids[EchoStack.Second]), $"{EchoStack.Second} (pid {pids[EchoStack.Second]}) outlived the gateway");
        Assert.Contains(gateway.Lines, l => l.Contains("exited with code", StringComparison.Ordinal) && l.Contains(EchoStack.First, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_function_dying_mid_request_is_a_502_and_comes_back()
    {
        await using var gateway = await StartAsync();
        var before = gateway.CurrentPids()[EchoStack.First];
        var printed = gateway.Lines.Count;

        using (var response = await gateway.Client.PostAsync(new Uri(gateway.Url, $"/function/{EchoStack.First}/crash"), new StringContent(string.Empty)))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadGateway, response.StatusCode);
            Assert.True(Guid.TryParse(Assert.Single(response.Headers.GetValues("X-Call-Id")), out _));
            Assert.Contains(EchoStack.First, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var after = await gateway.WaitForRestartAsync(EchoStack.First, printed);
        Assert.NotEqual(before, after);
        using (var response = await gateway.Client.GetAsync(new Uri(gateway.Url, $"/function/{EchoStack.First}")))
        {
            Assert.Equal(after, (await EchoResponse.ReadAsync(response)).Pid);
        }
    }

    [Fact]
    public async Task Function_processes_die_with_the_gateway_even_when_it_is_killed_outright()
    {
        await using var gateway = await StartAsync();
        var pids = gateway.CurrentPids().Values.ToList();

        using (var process = Process.GetProcessById(gateway.Pid))
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }

        foreach (var pid in pids)
        {
            Assert.True(
                await Eventually.TrueAsync(() => !ProcessTable.IsAlive(pid), TimeSpan.FromSeconds(30)),
                $"function pid {pid} ({ProcessTable.CommandLine(pid)}) outlived a SIGKILLed gateway");
        }
    }

    private async Task<GatewayProcess> StartAsync()
    {
        var (gateway, _) = await GatewayProcess.StartReadyAsync(
            "--stack", state.StackFile, "--state-dir", state.StateDirectory, "--port", "0", "--no-cron", "--kubeconfig", state.Kubeconfig);
        return gateway;
    }
}
