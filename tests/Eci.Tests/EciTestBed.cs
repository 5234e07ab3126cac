using ImageCacheFunctions.Eci.Credentials;
using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.Eci.Signing;
using ImageCacheFunctions.Emulators.Eci;

namespace ImageCacheFunctions.Eci.Tests;

/// <summary>A started emulator on a frozen clock, and clients pointed at it.</summary>
internal sealed class EciTestBed : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly List<IDisposable> _owned = [];

    private EciTestBed(EciEmulator emulator) => Emulator = emulator;

    public EciEmulator Emulator { get; }

    public EmulatorClock Clock => Emulator.Clock;

    public static async Task<EciTestBed> StartAsync(Action<EciEmulatorOptions>? configure = null)
    {
        var options = new EciEmulatorOptions { Clock = EmulatorClock.Frozen(Start), Seed = 42 };
        configure?.Invoke(options);
        var emulator = new EciEmulator(options);
        await emulator.StartAsync();
        return new EciTestBed(emulator);
    }

    public static AlibabaCloudCredential TestCredential { get; } = new(EmulatorTestCredentials.AccessKeyId, EmulatorTestCredentials.AccessKeySecret);

    public EciClient Client(
        EciSignatureMethod method = EciSignatureMethod.AcsV3HmacSha256,
        ICredentialProvider? credentials = null,
        Action<EciClientOptions>? configure = null,
        TimeProvider? clock = null)
    {
        var options = new EciClientOptions
        {
            RegionId = Emulator.RegionId,
            Endpoint = Emulator.BaseUri,
            SignatureMethod = method,
            RetryBaseDelay = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        var client = new EciClient(options, credentials ?? new StaticCredentialProvider(TestCredential), timeProvider: clock ?? Clock);
        _owned.Add(client);
        return client;
    }

    public static CreateImageCacheRequest NewCache(string name, params string[] images) => new()
    {
        SecurityGroupId = "sg-emulator",
        VSwitchId = "vsw-emulator",
        ImageCacheName = name,
        Images = images.Length == 0 ? ["busybox:latest"] : images,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var d in _owned)
        {
            d.Dispose();
        }

        await Emulator.DisposeAsync();
    }
}
