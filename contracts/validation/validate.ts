// The project's validators: one function per contract, each returning every problem at once.
import type { ValidateFunction } from 'ajv';
import { FEILET, isReportType, messageTypeSpec } from '../message-types.ts';
import type { ReportType } from '../message-types.ts';
import { problemsFromAjv } from './ajv-problems.ts';
import { SchemaDescriptions } from './schema-descriptions.ts';
import { SCHEMA_ID_BASE, schemaDocuments, validatorFor } from './schema-registry.ts';
import type { ValidationResult } from './validation-problem.ts';

export const DELIVERY_HEADERS_SCHEMA = 'delivery-headers.schema.json';
export const SEND_METADATA_SCHEMA = 'send-metadata.schema.json';
export const READ_BACK_SCHEMA = 'read-back.schema.json';

const descriptions = new SchemaDescriptions(schemaDocuments);

/** The schema file for a message type's JSON content, as the message-type catalogue names it. */
export function contentSchemaFile(type: string): string {
  const file = messageTypeSpec(type)?.contentSchema;
  if (!file) throw new Error(`contentSchemaFile: the message type ${JSON.stringify(type)} has no JSON content schema in contracts/message-types.json.`);
  return file;
}

function check(schemaFile: string, value: unknown): ValidationResult {
  const validate: ValidateFunction = validatorFor(schemaFile);
  if (validate(value)) return { valid: true };
  return { valid: false, problems: problemsFromAjv(validate.errors ?? [], SCHEMA_ID_BASE + schemaFile, descriptions) };
}

/** Checks the content of bekymringsmelding.json against the schema of its report type. */
export function validateReport(type: ReportType, value: unknown): ValidationResult {
  if (!isReportType(type)) throw new Error(`validateReport: ${JSON.stringify(type)} is not a report type; pass one of REPORT_TYPES from contracts/message-types.ts.`);
  return check(contentSchemaFile(type), value);
}

/** Checks feilmelding.json, the body of no.ks.fiks.bekymringsmelding.feilet.v1. */
export function validateFeilmelding(value: unknown): ValidationResult {
  return check(contentSchemaFile(FEILET), value);
}

/** Checks the AMQP headers of a delivered Fiks IO message. */
export function validateDeliveryHeaders(value: unknown): ValidationResult {
  return check(DELIVERY_HEADERS_SCHEMA, value);
}

/** Checks the metadata part of POST /fiks-io/api/v1/send. */
export function validateSendMetadata(value: unknown): ValidationResult {
  return check(SEND_METADATA_SCHEMA, value);
}

/** Checks a 200 body of the case system's read-back API. */
export function validateReadBack(value: unknown): ValidationResult {
  return check(READ_BACK_SCHEMA, value);
}
