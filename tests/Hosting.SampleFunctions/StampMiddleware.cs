using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ImageCacheFunctions.Hosting.SampleFunctions;

/// <summary>Worker middleware (IFunctionsWorkerMiddleware) that leaves a mark the function can read.</summary>
public sealed class StampMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        context.Items["stamp"] = $"middleware saw {context.FunctionDefinition.Name}";
        await next(context);
    }
}
