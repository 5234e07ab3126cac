using BenchmarkDotNet.Attributes;
using ImageCacheFunctions.Eci;
using ImageCacheFunctions.Eci.Credentials;
using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.Eci.Signing;
using ImageCacheFunctions.Emulators.Eci;

namespace ImageCacheFunctions.Benchmarks.Eci;

/// <summary>One DescribeImageCaches page through the real client and the emulator over loopback HTTP.</summary>
[MemoryDiagnoser]
public class DescribeRoundTripBenchmarks
{
    private EciEmulator? _emulator;
    private EciClient? _client;

    /// <summary>Signature method of the client.</summary>
    [Params(EciSignatureMethod.AcsV3HmacSha256, EciSignatureMethod.RpcV2HmacSha1)]
    public EciSignatureMethod SignatureMethod { get; set; }

    /// <summary>Page size asked for.</summary>
    [Params(10, 100)]
    public int PageSize { get; set; }

    /// <summary>Starts the emulator and fills it with 100 caches.</summary>
    /// <returns>A task.</returns>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = new EciEmulator(new EciEmulatorOptions { Seed = 1 });
        await _emulator.StartAsync();
        _client = new EciClient(
            new EciClientOptions { RegionId = _emulator.RegionId, Endpoint = _emulator.BaseUri, SignatureMethod = SignatureMethod },
            new StaticCredentialProvider(new AlibabaCloudCredential(EmulatorTestCredentials.AccessKeyId, EmulatorTestCredentials.AccessKeySecret)));
        for (int i = 0; i < 100; i++)
        {
            await _client.CreateImageCacheAsync(new CreateImageCacheRequest
            {
                SecurityGroupId = "sg-bench",
                VSwitchId = "vsw-bench",
                ImageCacheName = $"bench-{i:000}",
                Images = ["nginx:1.25", "busybox:latest"],
                Tags = [new ImageCacheTag("managed-by", "imagecache-functions")],
            });
        }
    }

    /// <summary>Reads one page.</summary>
    /// <returns>The number of caches on it.</returns>
    [Benchmark]
    public async Task<int> DescribePage() =>
        (await _client!.DescribeImageCachesAsync(new DescribeImageCachesRequest { Limit = PageSize })).ImageCaches.Count;

    /// <summary>Stops the emulator.</summary>
    /// <returns>A task.</returns>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
