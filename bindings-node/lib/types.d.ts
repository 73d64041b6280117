export const ProgressTokenSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CursorSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const TaskCreationParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const TaskMetadataSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const RelatedTaskMetadataSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const TaskAugmentedRequestParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const RequestSchema: any;
export const NotificationSchema: any;
export const ResultSchema: any;
export const RequestIdSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const JSONRPCRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const JSONRPCNotificationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const JSONRPCResultResponseSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const JSONRPCErrorResponseSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const JSONRPCErrorSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const JSONRPCMessageSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const JSONRPCResponseSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const EmptyResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CancelledNotificationParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CancelledNotificationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const IconSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const IconsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const BaseMetadataSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ImplementationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ClientTasksCapabilitySchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ServerTasksCapabilitySchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ClientCapabilitiesSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const InitializeRequestParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const InitializeRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ServerCapabilitiesSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const InitializeResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const InitializedNotificationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const PingRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ProgressSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ProgressNotificationParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ProgressNotificationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const PaginatedRequestParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const PaginatedRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const PaginatedResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const TaskStatusSchema: any;
export const TaskSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CreateTaskResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const TaskStatusNotificationParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const TaskStatusNotificationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const GetTaskRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const GetTaskResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const GetTaskPayloadRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const GetTaskPayloadResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ListTasksRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ListTasksResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CancelTaskRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CancelTaskResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceContentsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const TextResourceContentsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const BlobResourceContentsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const RoleSchema: any;
export const AnnotationsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceTemplateSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ListResourcesRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ListResourcesResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ListResourceTemplatesRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ListResourceTemplatesResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceRequestParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ReadResourceRequestParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ReadResourceRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ReadResourceResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceListChangedNotificationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const SubscribeRequestParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const SubscribeRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const UnsubscribeRequestParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const UnsubscribeRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceUpdatedNotificationParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceUpdatedNotificationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const PromptArgumentSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const PromptSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ListPromptsRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ListPromptsResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const GetPromptRequestParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const GetPromptRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const TextContentSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ImageContentSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const AudioContentSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ToolUseContentSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const EmbeddedResourceSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceLinkSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ContentBlockSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const PromptMessageSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const GetPromptResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const PromptListChangedNotificationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ToolAnnotationsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ToolExecutionSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ToolSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ListToolsRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ListToolsResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CallToolResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CompatibilityCallToolResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CallToolRequestParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CallToolRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ToolListChangedNotificationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ListChangedOptionsBaseSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const LoggingLevelSchema: any;
export const SetLevelRequestParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const SetLevelRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const LoggingMessageNotificationParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const LoggingMessageNotificationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ModelHintSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ModelPreferencesSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ToolChoiceSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ToolResultContentSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const SamplingContentSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const SamplingMessageContentBlockSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const SamplingMessageSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CreateMessageRequestParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CreateMessageRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CreateMessageResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CreateMessageResultWithToolsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const BooleanSchemaSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const StringSchemaSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const NumberSchemaSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const UntitledSingleSelectEnumSchemaSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const TitledSingleSelectEnumSchemaSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const LegacyTitledEnumSchemaSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const SingleSelectEnumSchemaSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const UntitledMultiSelectEnumSchemaSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const TitledMultiSelectEnumSchemaSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const MultiSelectEnumSchemaSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const EnumSchemaSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const PrimitiveSchemaDefinitionSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ElicitRequestFormParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ElicitRequestURLParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ElicitRequestParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ElicitRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ElicitationCompleteNotificationParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ElicitationCompleteNotificationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ElicitResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceTemplateReferenceSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceReferenceSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const PromptReferenceSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CompleteRequestParamsSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CompleteRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const CompleteResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const RootSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ListRootsRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ListRootsResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const RootsListChangedNotificationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ClientRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ClientNotificationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ClientResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ServerRequestSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ServerNotificationSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const ServerResultSchema: Readonly<{
    [STAND_IN]: boolean;
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        error: any;
    } | {
        success: boolean;
        data: any;
    }>;
}>;
export const STAND_IN: symbol;
declare const STAND_IN: unique symbol;
export const LATEST_PROTOCOL_VERSION: "2025-11-25";
export const DEFAULT_NEGOTIATED_PROTOCOL_VERSION: "2025-03-26";
export const SUPPORTED_PROTOCOL_VERSIONS: string[];
export const RELATED_TASK_META_KEY: "io.modelcontextprotocol/related-task";
export const JSONRPC_VERSION: "2.0";
export const ErrorCode: {
    ConnectionClosed: number;
    RequestTimeout: number;
    ParseError: number;
    InvalidRequest: number;
    MethodNotFound: number;
    InvalidParams: number;
    InternalError: number;
    UrlElicitationRequired: number;
    [-32000]: string;
    [-32001]: string;
    [-32700]: string;
    [-32600]: string;
    [-32601]: string;
    [-32602]: string;
    [-32603]: string;
    [-32042]: string;
};
export class McpError extends Error {
    /**
     * @param {any} [data]
     */
    static fromError(code: any, message: any, data?: any): McpError;
    /**
     * @param {any} [data]
     */
    constructor(code: any, message: any, data?: any);
    code: any;
    data: any;
}
export class UrlElicitationRequiredError extends McpError {
    constructor(elicitations: any, message?: string);
    get elicitations(): any;
}
export function isJSONRPCRequest(v: any): boolean;
export function isJSONRPCNotification(v: any): boolean;
export function isJSONRPCResultResponse(v: any): boolean;
export function isJSONRPCResponse(v: any): boolean;
export function isJSONRPCErrorResponse(v: any): boolean;
export function isJSONRPCError(v: any): boolean;
export function isInitializeRequest(v: any): boolean;
export function isInitializedNotification(v: any): boolean;
export function isTaskAugmentedRequestParams(v: any): boolean;
export function assertCompleteRequestPrompt(request: any): void;
export function assertCompleteRequestResourceTemplate(request: any): void;
export {};
