namespace OpenFaaS.Functions.Worker.Metadata;

/// <summary>Where the host takes a function parameter's value from.</summary>
internal enum ParameterSource
{
    HttpRequest,
    AspNetCoreRequest,
    AspNetCoreContext,
    TimerInfo,
    FunctionContext,
    CancellationToken,
    Logger,
    Body,
    BindingData,
}
