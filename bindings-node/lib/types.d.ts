export const ProgressTokenSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CursorSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const TaskCreationParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const TaskMetadataSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const RelatedTaskMetadataSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const TaskAugmentedRequestParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const RequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const NotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const RequestIdSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const JSONRPCRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const JSONRPCNotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const JSONRPCResultResponseSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const JSONRPCErrorResponseSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const JSONRPCErrorSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const JSONRPCMessageSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const JSONRPCResponseSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const EmptyResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CancelledNotificationParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CancelledNotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const IconSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const IconsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const BaseMetadataSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ImplementationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ClientTasksCapabilitySchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ServerTasksCapabilitySchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ClientCapabilitiesSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const InitializeRequestParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const InitializeRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ServerCapabilitiesSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const InitializeResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const InitializedNotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const PingRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ProgressSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ProgressNotificationParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ProgressNotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const PaginatedRequestParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const PaginatedRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const PaginatedResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const TaskStatusSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const TaskSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CreateTaskResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const TaskStatusNotificationParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const TaskStatusNotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const GetTaskRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const GetTaskResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const GetTaskPayloadRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const GetTaskPayloadResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ListTasksRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ListTasksResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CancelTaskRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CancelTaskResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceContentsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const TextResourceContentsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const BlobResourceContentsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const RoleSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const AnnotationsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceTemplateSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ListResourcesRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ListResourcesResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ListResourceTemplatesRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ListResourceTemplatesResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceRequestParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ReadResourceRequestParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ReadResourceRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ReadResourceResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceListChangedNotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const SubscribeRequestParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const SubscribeRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const UnsubscribeRequestParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const UnsubscribeRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceUpdatedNotificationParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceUpdatedNotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const PromptArgumentSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const PromptSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ListPromptsRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ListPromptsResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const GetPromptRequestParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const GetPromptRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const TextContentSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ImageContentSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const AudioContentSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ToolUseContentSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const EmbeddedResourceSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceLinkSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ContentBlockSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const PromptMessageSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const GetPromptResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const PromptListChangedNotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ToolAnnotationsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ToolExecutionSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ToolSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ListToolsRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ListToolsResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CallToolResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CompatibilityCallToolResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CallToolRequestParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CallToolRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ToolListChangedNotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ListChangedOptionsBaseSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const LoggingLevelSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const SetLevelRequestParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const SetLevelRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const LoggingMessageNotificationParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const LoggingMessageNotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ModelHintSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ModelPreferencesSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ToolChoiceSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ToolResultContentSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const SamplingContentSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const SamplingMessageContentBlockSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const SamplingMessageSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CreateMessageRequestParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CreateMessageRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CreateMessageResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CreateMessageResultWithToolsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const BooleanSchemaSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const StringSchemaSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const NumberSchemaSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const UntitledSingleSelectEnumSchemaSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const TitledSingleSelectEnumSchemaSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const LegacyTitledEnumSchemaSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const SingleSelectEnumSchemaSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const UntitledMultiSelectEnumSchemaSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const TitledMultiSelectEnumSchemaSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const MultiSelectEnumSchemaSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const EnumSchemaSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const PrimitiveSchemaDefinitionSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ElicitRequestFormParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ElicitRequestURLParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ElicitRequestParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ElicitRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ElicitationCompleteNotificationParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ElicitationCompleteNotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ElicitResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceTemplateReferenceSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ResourceReferenceSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const PromptReferenceSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CompleteRequestParamsSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CompleteRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const CompleteResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const RootSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ListRootsRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ListRootsResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const RootsListChangedNotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ClientRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ClientNotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ClientResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ServerRequestSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ServerNotificationSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
export const ServerResultSchema: Readonly<{
    description: any;
    parse: (value: any) => any;
    parseAsync: (value: any) => Promise<any>;
    safeParse: (value: any) => {
        success: boolean;
        data: any;
    };
    safeParseAsync: (value: any) => Promise<{
        success: boolean;
        data: any;
    }>;
}>;
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
