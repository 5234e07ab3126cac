using ImageCacheFunctions.Hosting.SampleFunctions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenFaaS.Functions.Worker.Hosting;
using OpenFaaS.Functions.Worker.Http;
using OpenFaaS.Functions.Worker.Metadata;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>
/// MVC Core (for IActionResult answers) is set up only for an app with a function that needs it:
/// an app of HttpResponseData, IResult and timer functions starts without it.
/// </summary>
public sealed class ActionResultsTests
{
    [Theory]
    [InlineData("SimpleHttpTrigger")] // returns IActionResult
    [InlineData("MultipleOutputBindings")] // [HttpResult] IActionResult property of a multi-output type
    public void A_function_answering_with_an_IActionResult_needs_MVC_Core(string name) =>
        Assert.True(ActionResults.NeededBy([Function(name)]));

    [Fact]
    public void HttpResponseData_IResult_and_timer_functions_do_not_need_MVC_Core() =>
        Assert.False(ActionResults.NeededBy([Function("HttpExample"), Function("MinimalResult"), Function("greet"), Function("TimerFunction")]));

    private static FunctionEntry Function(string name)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddFunctionsWorkerDefaults();
        services.Configure<FunctionsHostOptions>(o => o.FunctionAssemblies.Add(typeof(SampleServices).Assembly));
        SampleServices.Add(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<FunctionCatalog>().Functions.Single(f => f.Name == name);
    }
}
