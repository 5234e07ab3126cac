namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>Entry point of the minimal-hosting style: <c>FunctionsApplication.CreateBuilder(args)</c>.</summary>
public static class FunctionsApplication
{
    /// <summary>A builder with the defaults of <c>Host.CreateApplicationBuilder</c> and the OpenFaaS host.</summary>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args) => new(args);
}
