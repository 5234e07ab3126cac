using Microsoft.Extensions.DependencyInjection;

namespace ImageCacheFunctions.Hosting.SampleFunctions;

/// <summary>The services Program.cs registers; shared with the in-process tests.</summary>
public static class SampleServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<IGreeter, Greeter>();
        services.AddSingleton<RunLedger>();
        services.AddOptions<SampleOptions>()
            .BindConfiguration("Sample")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Region), "setting Sample__Region is missing")
            .ValidateOnStart();
    }
}
