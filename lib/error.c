/* SPDX-License-Identifier: GPL-3.0-or-later */
/* error.c - status codes, error reports and checked allocation for libmse. */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

const char *
mse_version(void)
{
	return MSE_VERSION_STRING;
}

const char *
mse_strerror(int code)
{
	switch (code) {
	case MSE_OK:
		return "success";
	case MSE_ENOMEM:
		return "out of memory";
	case MSE_EINVAL:
		return "invalid argument";
	case MSE_EIO:
		return "input/output error";
	case MSE_EPARSE:
		return "malformed input";
	case MSE_EDOMAIN:
		return "estimator undefined for these data";
	case MSE_ENOCONV:
		return "fit did not converge";
	case MSE_ESINGULAR:
		return "parameters not identifiable";
	case MSE_ENOMLE:
		return "maximum-likelihood estimate does not exist";
	default:
		return "unknown error";
	}
}

void
mse_error_clear(struct mse_error *err)
{
	if (err != NULL)
		memset(err, 0, sizeof(*err));
}

static int
error_vset(struct mse_error *err, int code, const char *file, long line,
    long column, const char *fmt, va_list ap)
{
	if (err == NULL)
		return code;
	err->code = code;
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	if (file != NULL)
		snprintf(err->file, sizeof(err->file), "%s", file);
	else
		err->file[0] = '\0';
	err->line = line;
	err->column = column;
	return code;
}

int
msei_error(struct mse_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, code, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int
msei_error_at(struct mse_error *err, int code, const char *file, long line,
    long column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, code, file, line, column, fmt, ap);
	va_end(ap);
	return code;
}

void *
msei_calloc(size_t n, size_t size)
{
	if (n == 0 || size == 0)
		return calloc(1, 1);
	if (n > SIZE_MAX / size)
		return NULL;
	return calloc(n, size);
}

void *
msei_reallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	return realloc(p, n * size == 0 ? 1 : n * size);
}

/* The caller's struct starts with its size (set by its _init function):
 * refuse 0, a size too small to hold the size itself, or one larger than
 * this library knows, which a newer mse.h would have made. */
static int
size_check(size_t size, size_t known, const char *name, struct mse_error *err)
{
	if (size < sizeof(size_t) || size > known)
		return msei_error(err, MSE_EINVAL, "struct %s has size %zu, "
		    "not that of this libmse (%zu): fill it with %s_init",
		    name, size, known, name);
	return MSE_OK;
}

int
msei_sized_in(void *dst, size_t known, const void *src, const char *name,
    struct mse_error *err)
{
	size_t size;
	int rc;

	if (src == NULL)
		return msei_error(err, MSE_EINVAL, "no struct %s", name);
	memcpy(&size, src, sizeof(size));
	if ((rc = size_check(size, known, name, err)) != MSE_OK)
		return rc;
	memcpy(dst, src, size);
	memcpy(dst, &known, sizeof(known));
	return MSE_OK;
}

int
msei_sized_out(void *dst, const void *src, size_t known, const char *name,
    struct mse_error *err)
{
	size_t size;
	int rc;

	if (dst == NULL)
		return msei_error(err, MSE_EINVAL, "no struct %s", name);
	memcpy(&size, dst, sizeof(size));
	if ((rc = size_check(size, known, name, err)) != MSE_OK)
		return rc;
	memcpy((char *)dst + sizeof(size), (const char *)src + sizeof(size),
	    size - sizeof(size));
	return MSE_OK;
}
